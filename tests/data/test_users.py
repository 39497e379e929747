"""Users: scrypt hashes, roles with their sector, every change audited; the CLI; the
importer's sector restriction row by row (a ministry's account)."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access import __main__ as cli
from data_access import db, imports, users
from data_access.models import AuditEvent, User
from tests.data.test_auth import HOSPITAL, SCHOOL, plans_csv, small_region


@pytest.fixture
def small_users(engine, monkeypatch):
    small_region(engine)
    monkeypatch.setattr(db, "get_engine", lambda: engine)
    return engine


def events(engine) -> list[tuple[str, str, str | None]]:
    with Session(engine) as s:
        return [(e.action, e.target, e.details)
                for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_create_verify_and_the_hash_is_scrypt(small_users):
    info = users.create_user("minobr", "long-password-1", "ministry", "education",
                             actor="тест", engine=small_users)
    assert (info.login, info.role, info.sector) == ("minobr", "ministry", "education")
    with Session(small_users) as s:
        stored = s.scalar(select(User)).password_hash
    assert stored.startswith("scrypt:") and "long-password-1" not in stored
    assert users.verify("minobr", "long-password-1", engine=small_users) == info
    assert users.verify("minobr", "wrong-password", engine=small_users) is None
    assert users.verify("nobody", "long-password-1", engine=small_users) is None
    assert events(small_users) == [("user.create", "minobr", "роль ministry, сфера education")]


@pytest.mark.parametrize("login, password, role, sector, message", [
    ("a b", "long-password-1", "viewer", None, "логин"),
    ("viewer1", "short", "viewer", None, "пароль короче"),
    ("viewer1", "long-password-1", "root", None, "роль «root» неизвестна"),
    ("minobr", "long-password-1", "ministry", None, "укажите сферу"),
    ("minobr", "long-password-1", "ministry", "sport", "сферы «sport» нет"),
    ("admin", "long-password-1", "admin", "education", "только для роли ministry"),
])
def test_refused_users(small_users, login, password, role, sector, message):
    with pytest.raises(users.UserError, match=message):
        users.create_user(login, password, role, sector, engine=small_users)
    assert events(small_users) == []


def test_duplicate_login_is_refused(small_users):
    users.create_user("admin", "long-password-1", "admin", engine=small_users)
    with pytest.raises(users.UserError, match="уже есть"):
        users.create_user("admin", "long-password-2", "admin", engine=small_users)


def test_password_and_role_changes_are_audited(small_users):
    users.create_user("ivanova", "long-password-1", "viewer", engine=small_users)
    users.set_password("ivanova", "long-password-2", actor="admin", engine=small_users)
    assert users.verify("ivanova", "long-password-1", engine=small_users) is None
    assert users.verify("ivanova", "long-password-2", engine=small_users) is not None
    users.set_role("ivanova", "ministry", "culture", actor="admin", engine=small_users)
    assert [e[:2] for e in events(small_users)] == [
        ("user.create", "ivanova"), ("user.password", "ivanova"), ("user.role", "ivanova")]
    assert events(small_users)[-1][2] == "viewer → ministry/culture"
    with Session(small_users) as s:
        assert {e.actor for e in s.scalars(select(AuditEvent))} >= {"admin"}


def test_cli_create_user_and_set_password_from_stdin(small_users, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("cli-password-1\n"))
    assert cli.main(["create-user", "minzdrav", "--role", "ministry", "--sector", "health",
                     "--password-stdin"]) == 0
    assert "создан" in capsys.readouterr().out
    assert users.verify("minzdrav", "cli-password-1", engine=small_users).sector == "health"
    monkeypatch.setattr("sys.stdin", io.StringIO("cli-password-2\n"))
    assert cli.main(["set-password", "minzdrav", "--password-stdin"]) == 0
    assert users.verify("minzdrav", "cli-password-2", engine=small_users) is not None
    assert cli.main(["set-role", "minzdrav", "--role", "viewer"]) == 0
    actions = events(small_users)
    assert [a for a, _, _ in actions] == ["user.create", "user.password", "user.role"]
    with Session(small_users) as s:
        assert all(e.actor.startswith("консоль") for e in s.scalars(select(AuditEvent)))


def test_cli_prompts_twice_and_refuses_a_mismatch(small_users, monkeypatch, capsys):
    answers = iter(["first-password-1", "other-password-1"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert cli.main(["create-user", "viewer1", "--role", "viewer"]) == 1
    assert "не совпадают" in capsys.readouterr().err
    answers = iter(["first-password-1", "first-password-1"])
    assert cli.main(["create-user", "viewer1", "--role", "viewer"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("x\n"))
    assert cli.main(["create-user", "viewer2", "--role", "viewer", "--password-stdin"]) == 1
    assert "пароль короче" in capsys.readouterr().err


def test_a_ministry_import_rejects_rows_of_other_sectors(small_users):
    both = plans_csv(SCHOOL) + plans_csv(HOSPITAL).split(b"\r\n", 1)[1]
    result = imports.run_import("plans", both, file_name="планы.csv", engine=small_users,
                                sector="education", user="minobr")
    assert result.status == "rejected" and result.issue_count == 1
    issue = result.issues[0]
    assert issue.row == 3 and HOSPITAL in issue.expected and "«health»" in issue.expected
    own = imports.run_import("plans", plans_csv(SCHOOL), file_name="планы.csv",
                             engine=small_users, sector="education", user="minobr")
    assert own.status == "applied" and own.inserted == 1
    # the same file without a restriction (an administrator) is applied
    admin = imports.run_import("plans", plans_csv(HOSPITAL), engine=small_users, user="admin")
    assert admin.status == "applied"


def test_a_ministry_cannot_import_other_kinds(small_users):
    result = imports.run_import("coverage-plans", b"x", engine=small_users,
                                sector="education", user="minobr")
    assert result.status == "rejected"
    assert "учётная запись министерства" in result.issues[0].expected
