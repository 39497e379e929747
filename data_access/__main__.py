"""Command line: python -m data_access COMMAND (init-db, seed-demo, add-region,
load-boundaries, load-subject-boundaries, build-boundaries, import, create-user, set-password,
set-role)."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from data_access import db


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"дата «{text}» не в формате ГГГГ-ММ-ДД") from None


def _scale(text: str) -> float | str:
    if text == "national":
        return text
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if value <= 0:
        raise argparse.ArgumentTypeError(
            f"масштаб «{text}»: положительное число или national") from None
    return value


def _boundaries(text: str) -> tuple[str, Path]:
    """«26=путь» — a subject's code and its boundary file; a bare path is Krasnodar Krai's."""
    code, sep, path = text.partition("=")
    if sep and len(code) == 2 and code.isdigit():
        if not path:
            raise argparse.ArgumentTypeError(f"«{text}»: после «=» нужен путь к файлу границ")
        return code, Path(path)
    return "23", Path(text)


def _ministry(text: str) -> tuple[str, str]:
    sector, sep, name = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(
            f"«{text}»: нужно СФЕРА=НАЗВАНИЕ, например culture=\"Министерство культуры и "
            "туризма Кировской области\"")
    return sector.strip(), name.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data_access",
                                     description="НОК-монитор: слой данных")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("init-db", help="применить миграции к DATABASE_URL")
    seed = commands.add_parser("seed-demo", help="заполнить базу демонстрационными данными")
    seed.add_argument("--as-of", type=_date, default=None,
                      help="дата, на которую строятся данные (по умолчанию сегодня)")
    seed.add_argument("--scale", type=_scale, default=1.0,
                      help="число — доля организаций Краснодарского и Ставропольского краёв "
                           "(по умолчанию 1); national — все 89 субъектов, около 150 000 "
                           "организаций")
    seed.add_argument("--boundaries", type=_boundaries, action="append", default=[],
                      metavar="[КОД=]ФАЙЛ",
                      help="файл границ муниципальных образований (GeoJSON) субъекта с кодом "
                           "КОД (без кода — 23); можно повторить для нескольких субъектов: "
                           "--boundaries 23=krasnodar.geojson --boundaries 26=stavropol.geojson; "
                           "без него — границы, поставляемые с программой")
    seed.add_argument("--subject-boundaries", type=Path, default=None, metavar="ФАЙЛ",
                      help="файл границ субъектов РФ для карты «Россия»; без него — границы, "
                           "поставляемые с программой")
    seed.add_argument("--if-empty", action="store_true",
                      help="ничего не делать, если в базе уже есть данные")
    region = commands.add_parser(
        "add-region", help="создать субъект РФ по справочнику 89 субъектов (с четырьмя "
                           "сферами и их министерствами)")
    region.add_argument("code", help="код субъекта: две цифры, как в начале ИНН (43 — "
                                     "Кировская область)")
    region.add_argument("--ministry", type=_ministry, action="append", default=[],
                        metavar="СФЕРА=НАЗВАНИЕ",
                        help="министерство-учредитель сферы (education, culture, health, "
                             "social), если его название не такое, как в справочнике; "
                             "можно повторить")
    bounds = commands.add_parser("load-boundaries", help="загрузить границы из файла")
    bounds.add_argument("file", type=Path)
    bounds.add_argument("--region", default="23", help="код субъекта (по умолчанию 23)")
    bounds.add_argument("--create", action="store_true",
                        help="создать муниципальные образования по объектам файла (названия "
                             "из файла; вид — по названию; ОКТМО — из файла или условный)")
    subjects = commands.add_parser(
        "load-subject-boundaries",
        help="загрузить границы субъектов РФ для карты «Россия» (например, "
             "russia-subjects.geojson Natural Earth)")
    subjects.add_argument("file", type=Path)
    subjects.add_argument("--if-missing", action="store_true",
                          help="ничего не делать, если границы субъектов уже загружены")
    build = commands.add_parser(
        "build-boundaries",
        help="создать упрощённые границы, поставляемые с программой "
             "(data_access/reference/geo), из исходных файлов в папке")
    build.add_argument("source", type=Path,
                       help="папка с krasnodar-municipalities.geojson, "
                            "stavropol-municipalities.geojson и russia-subjects.geojson")
    from data_access.imports import KINDS
    load = commands.add_parser(
        "import", help="загрузить файл XLSX или CSV (шаблоны и столбцы: docs/import.md)",
        description="Проверить файл и загрузить его целиком или не загружать вовсе. "
                    "Виды: " + "; ".join(f"{k} — {s.title}" for k, s in KINDS.items()))
    load.add_argument("kind", choices=list(KINDS), metavar="KIND",
                      help="вид данных: " + ", ".join(KINDS))
    load.add_argument("file", type=Path, help="файл XLSX или CSV")
    load.add_argument("--dry-run", action="store_true",
                      help="только проверить и показать, что изменится, ничего не записывая")
    load.add_argument("--sheet", default=None, help="лист книги XLSX (по умолчанию первый)")
    load.add_argument("--region", default="23", help="код субъекта (по умолчанию 23)")
    from data_access.models import ROLES
    create = commands.add_parser("create-user", help="создать пользователя (пароль спросит "
                                                     "дважды или прочтёт из stdin)")
    create.add_argument("login")
    create.add_argument("--role", required=True, choices=ROLES,
                        help="viewer — просмотр; ministry — просмотр и загрузка планов своей "
                             "сферы; admin — все загрузки и пользователи")
    create.add_argument("--sector", default=None,
                        help="сфера министерства (для роли ministry): education, culture, "
                             "health, social")
    create.add_argument("--password-stdin", action="store_true",
                        help="прочитать пароль из первой строки stdin")
    password = commands.add_parser("set-password", help="сменить пароль пользователя")
    password.add_argument("login")
    password.add_argument("--password-stdin", action="store_true",
                          help="прочитать пароль из первой строки stdin")
    role = commands.add_parser("set-role", help="сменить роль (и сферу) пользователя")
    role.add_argument("login")
    role.add_argument("--role", required=True, choices=ROLES)
    role.add_argument("--sector", default=None)
    args = parser.parse_args(argv)
    if args.command == "build-boundaries":
        return _build_boundaries(args.source)  # files only: no database involved

    engine = db.get_engine()
    try:
        return _run(engine, args)
    except DBAPIError as error:  # the database refused; anything else is a bug
        message = db.unavailable_message(error, engine)
        if message is None:
            raise
        print(f"Ошибка: {message}", file=sys.stderr)
        return 1


def _run(engine, args) -> int:
    db.upgrade(engine)
    if args.command == "init-db":
        print(f"Схема базы данных актуальна: {engine.url.render_as_string()}")
        return 0
    if args.command == "seed-demo":
        from data_access import demo
        from data_access import shipped_boundaries as shipped
        files = {code: path for code in shipped.REGIONS
                 if (path := shipped.municipal_file(code))}
        files.update(args.boundaries)  # the last file given for a subject replaces the shipped
        subject_file = args.subject_boundaries or shipped.subjects_file()
        if args.if_empty and not demo.is_empty(engine):
            print("База уже содержит данные: заполнение пропущено.")
            files = _boundaries_missing(engine, files)
            from data_access import federal_queries
            if federal_queries.geometry(engine):
                subject_file = None
        else:
            try:
                national = args.scale == "national"
                counts = demo.seed(engine, as_of=args.as_of or dt.date.today(),
                                   scale=1.0 if national else args.scale, national=national,
                                   progress=demo.print_progress if national else None)
            except demo.NotEmptyError as error:
                print(f"Ошибка: {error}", file=sys.stderr)
                return 1
            print("Демонстрационные данные созданы: "
                  + ", ".join(f"{k} — {v}" for k, v in counts.items()))
        codes = [*files, *(["subjects"] if subject_file else [])]
        return max((_load_boundaries(engine, files[code], code) if code != "subjects"
                    else _load_subject_boundaries(engine, subject_file) for code in codes),
                   default=0)
    if args.command == "add-region":
        from data_access import regions
        try:
            added = regions.add_region(args.code, dict(args.ministry), engine=engine)
        except regions.RegionError as error:
            print(f"Ошибка: {error}", file=sys.stderr)
            return 1
        print(added.summary())
        return 0
    if args.command == "load-boundaries":
        return _load_boundaries(engine, args.file, args.region, create=args.create)
    if args.command == "load-subject-boundaries":
        from data_access import federal_queries
        if args.if_missing and federal_queries.geometry(engine):
            print("Границы субъектов уже загружены: загрузка пропущена.")
            return 0
        return _load_subject_boundaries(engine, args.file)
    if args.command == "import":
        return _import(engine, args)
    if args.command in ("create-user", "set-password", "set-role"):
        return _users(engine, args)
    return 2


def _read_password(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass
    first = getpass.getpass("Пароль: ")
    if getpass.getpass("Пароль ещё раз: ") != first:
        print("Ошибка: пароли не совпадают.", file=sys.stderr)
        return None
    return first


def _users(engine, args) -> int:
    """Users: every change is recorded in audit_event with the console user as the actor."""
    from data_access import users
    try:
        if args.command == "set-role":
            user = users.set_role(args.login, args.role, args.sector, engine=engine)
            print(f"Роль пользователя «{user.login}»: {user.role}"
                  + (f", сфера {user.sector}" if user.sector else ""))
            return 0
        password = _read_password(args.password_stdin)
        if password is None:
            return 1
        if args.command == "create-user":
            user = users.create_user(args.login, password, args.role, args.sector,
                                     engine=engine)
            print(f"Пользователь «{user.login}» создан: роль {user.role}"
                  + (f", сфера {user.sector}" if user.sector else ""))
        else:
            users.set_password(args.login, password, engine=engine)
            print(f"Пароль пользователя «{args.login}» изменён.")
        return 0
    except users.UserError as error:
        print(f"Ошибка: {error}", file=sys.stderr)
        return 1


def _import(engine, args) -> int:
    """Print the counts (exit 0) or the errors (exit 1), in Russian."""
    from data_access import imports
    result = imports.run_import(args.kind, args.file, engine=engine, dry_run=args.dry_run,
                                sheet=args.sheet, region=args.region,
                                user=imports.cli_user())
    for warning in result.warnings:
        print(f"Предупреждение: {warning}", file=sys.stderr)
    if not result.ok:
        print(f"Ошибка: файл «{result.file_name}» не загружен ({result.title.lower()}); "
              f"ошибок — {result.issue_count}:", file=sys.stderr)
        for issue in result.issues:
            print(f"  {issue.message()}", file=sys.stderr)
        if result.issue_count > len(result.issues):
            print(f"  … и ещё {result.issue_count - len(result.issues)}", file=sys.stderr)
        print("В базу ничего не записано.", file=sys.stderr)
        return 1
    print(f"{result.title}, файл «{result.file_name}». {result.summary()}")
    for d in result.discrepancies:
        print(f"  Расхождение: {d.message()}")
    return 0


def _boundaries_missing(engine, files: dict[str, Path]) -> dict[str, Path]:
    """The files of the subjects that are in the database and have no boundaries yet: a
    database seeded before a subject was added keeps working (`make run`)."""
    from data_access import boundaries, queries
    loaded = set(queries.regions(engine)["code"])
    missing = {}
    for code, path in files.items():
        if code not in loaded:
            print(f"Субъекта с кодом {code} нет в базе: границы из «{path.name}» не загружены.")
        elif not boundaries.has_boundaries(engine, code):
            missing[code] = path
    return missing


def _shipped(path: Path) -> bool:
    from data_access import shipped_boundaries
    return path.resolve().parent == shipped_boundaries.GEO_DIR


def _load_boundaries(engine, path: Path, region_code: str, create: bool = False) -> int:
    from data_access import boundaries
    # a shipped file is simplified already; another pass would only thin it further
    options = {"tolerance": 0.0} if _shipped(path) else {}
    try:
        report = boundaries.load(engine, path, region_code=region_code, create=create,
                                 **options)
    except boundaries.BoundaryError as error:
        print(f"Ошибка: {error}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


def _load_subject_boundaries(engine, path: Path) -> int:
    from data_access import boundaries, subject_boundaries
    options = {"tolerance": 0.0} if _shipped(path) else {}
    try:
        report = subject_boundaries.load(engine, path, **options)
    except boundaries.BoundaryError as error:
        print(f"Ошибка: {error}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


def _build_boundaries(source: Path) -> int:
    from data_access import boundaries, shipped_boundaries
    try:
        lines = shipped_boundaries.build(source)
    except boundaries.BoundaryError as error:
        print(f"Ошибка: {error}", file=sys.stderr)
        return 1
    print(f"Записано в {shipped_boundaries.GEO_DIR}:")
    for line in lines:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
