"""gunicorn reads this file from the working directory: `gunicorn app:server`.

No server banner: gunicorn names itself («Server: gunicorn») in every response; the app sets
no Server header of its own (dashboard/auth.py), so the header says only «-».
"""
import gunicorn.http.wsgi

gunicorn.http.wsgi.SERVER = "-"
