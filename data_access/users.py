"""Users of the dashboard, their roles, and the audit of every change to them.

Passwords are hashed with scrypt by werkzeug (a maintained implementation; nothing home-made).
Roles (DOMAIN: who uses it):
    viewer    committee, governor's office: reads everything;
    ministry  reads everything, imports plans and plan progress of its own sector only;
    admin     every import, users.
Every change (a user created, a password or a role changed) is an `audit_event` row.
"""
from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from data_access import db
from data_access.imports.core import SECTOR_KINDS
from data_access.models import ROLES, AuditEvent, Sector, User, UserSession

MIN_PASSWORD = 10
LOGIN_PATTERN = re.compile(r"^[A-Za-z0-9._@-]{2,100}$")
# The kinds of import a role may run; a ministry only for the rows of its own sector.
MINISTRY_KINDS = SECTOR_KINDS
ROLE_LABELS = {"viewer": "просмотр", "ministry": "министерство", "admin": "администратор"}
# Checked when the login is unknown, so that a wrong login takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-password", method="scrypt")


class UserError(ValueError):
    """A request the user store refuses; the message is Russian, for the person."""


@dataclass(frozen=True)
class UserInfo:
    id: int
    login: str
    role: str
    sector: str | None
    # changes with the password, the role or the sector: a session made before is void
    stamp: str = ""

    def can_import(self, kind: str) -> bool:
        return can_import(self.role, kind)


def can_import(role: str | None, kind: str | None) -> bool:
    if role == "admin":
        return True
    return role == "ministry" and kind in MINISTRY_KINDS


def can_import_any(role: str | None) -> bool:
    return role in ("admin", "ministry")


def console_actor() -> str:
    try:
        return f"консоль ({getpass.getuser()})"
    except Exception:  # no user name in the environment
        return "консоль"


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def _info(user: User) -> UserInfo:
    stamp = hashlib.sha256(f"{user.password_hash}|{user.role}|{user.sector}".encode())
    return UserInfo(user.id, user.login, user.role, user.sector, stamp.hexdigest()[:16])


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise UserError(f"пароль короче {MIN_PASSWORD} символов")


def _check_role(session, role: str, sector: str | None) -> None:
    if role not in ROLES:
        raise UserError(f"роль «{role}» неизвестна; роли: {', '.join(ROLES)}")
    if role == "ministry" and not sector:
        raise UserError("для роли ministry укажите сферу (--sector): "
                        + ", ".join(session.scalars(select(Sector.code))))
    if role != "ministry" and sector:
        raise UserError("сфера указывается только для роли ministry")
    if sector and session.get(Sector, sector) is None:
        raise UserError(f"сферы «{sector}» нет в справочнике: "
                        + ", ".join(session.scalars(select(Sector.code))))


def record(session, actor: str, action: str, target: str | None = None,
           details: str | None = None) -> None:
    session.add(AuditEvent(at=dt.datetime.now().replace(microsecond=0), actor=actor[:100],
                           action=action, target=target, details=details))


def create_user(login: str, password: str, role: str, sector: str | None = None, *,
                actor: str | None = None, engine=None) -> UserInfo:
    if not LOGIN_PATTERN.match(login or ""):
        raise UserError("логин: от 2 до 100 латинских букв, цифр и знаков . _ @ -")
    _check_password(password)
    with db.session_scope(engine or db.get_engine()) as s:
        _check_role(s, role, sector)
        if s.scalar(select(User).where(User.login == login)) is not None:
            raise UserError(f"пользователь «{login}» уже есть")
        user = User(login=login, password_hash=hash_password(password), role=role,
                    sector=sector)
        s.add(user)
        s.flush()
        record(s, actor or console_actor(), "user.create", login,
               f"роль {role}" + (f", сфера {sector}" if sector else ""))
        return _info(user)


def _existing(s, login: str) -> User:
    user = s.scalar(select(User).where(User.login == login))
    if user is None:
        raise UserError(f"пользователя «{login}» нет")
    return user


def set_password(login: str, password: str, *, actor: str | None = None,
                 engine=None) -> None:
    _check_password(password)
    with db.session_scope(engine or db.get_engine()) as s:
        user = _existing(s, login)
        user.password_hash = hash_password(password)
        _revoke_all(s, user.id)
        record(s, actor or console_actor(), "user.password", login)


def set_role(login: str, role: str, sector: str | None = None, *, actor: str | None = None,
             engine=None) -> UserInfo:
    with db.session_scope(engine or db.get_engine()) as s:
        _check_role(s, role, sector)
        user = _existing(s, login)
        before = f"{user.role}" + (f"/{user.sector}" if user.sector else "")
        user.role, user.sector = role, sector
        _revoke_all(s, user.id)
        record(s, actor or console_actor(), "user.role", login,
               f"{before} → {role}" + (f"/{sector}" if sector else ""))
        return _info(user)


def verify(login: str, password: str, *, engine=None) -> UserInfo | None:
    """The user if the password is theirs, else None (the same work either way)."""
    with db.session_scope(engine or db.get_engine()) as s:
        user = s.scalar(select(User).where(User.login == (login or "")[:100]))
        if user is None:
            check_password_hash(_DUMMY_HASH, password or "")
            return None
        return _info(user) if check_password_hash(user.password_hash, password or "") \
            else None


def get_user(user_id: int, *, engine=None) -> UserInfo | None:
    with db.session_scope(engine or db.get_engine()) as s:
        user = s.get(User, user_id)
        return _info(user) if user else None


def audit_log(limit: int = 100, *, engine=None) -> list[AuditEvent]:
    with db.session_scope(engine or db.get_engine()) as s:
        return list(s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)))


# ---------------------------------------------------------------- sessions (server-side)

def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _revoke_all(s, user_id: int) -> None:
    s.execute(update(UserSession).where(UserSession.user_id == user_id,
                                        UserSession.revoked_at.is_(None))
              .values(revoked_at=_now()))


def open_session(user_id: int, hours: int, *, engine=None) -> str:
    """A new session of the user; the token goes into the cookie, only its hash is kept.
    Sessions that ended long ago are deleted meanwhile."""
    token = secrets.token_urlsafe(32)
    now = _now()
    with db.session_scope(engine or db.get_engine()) as s:
        s.execute(delete(UserSession).where(UserSession.expires_at < now - dt.timedelta(
            days=30)))
        s.add(UserSession(token_hash=_token_hash(token), user_id=user_id, created_at=now,
                          expires_at=now + dt.timedelta(hours=hours)))
    return token


def session_user(token: str | None, *, engine=None) -> UserInfo | None:
    """The user of a session that is neither revoked nor expired; else None."""
    if not token or not isinstance(token, str):
        return None
    with db.session_scope(engine or db.get_engine()) as s:
        user = s.scalar(select(User).join(UserSession, UserSession.user_id == User.id).where(
            UserSession.token_hash == _token_hash(token), UserSession.revoked_at.is_(None),
            UserSession.expires_at > _now()))
        return _info(user) if user else None


def close_session(token: str | None, *, engine=None) -> None:
    """Logout: the session is void from now on, wherever its cookie is."""
    if not token or not isinstance(token, str):
        return
    with db.session_scope(engine or db.get_engine()) as s:
        s.execute(update(UserSession).where(UserSession.token_hash == _token_hash(token))
                  .values(revoked_at=_now()))
