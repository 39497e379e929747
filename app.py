"""НОК-монитор: `server` for gunicorn (gunicorn app:server), `python app.py` to run locally."""
from dashboard.app import create_app
from data_access.settings import get_settings

app = create_app()
server = app.server

if __name__ == "__main__":
    settings = get_settings()
    app.run(host=settings.host, port=settings.port, debug=settings.debug)
