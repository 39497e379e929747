"""Command line: python -m data_access COMMAND (init-db, seed-demo, load-boundaries)."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from data_access import db


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"дата «{text}» не в формате ГГГГ-ММ-ДД") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data_access",
                                     description="НОК-монитор: слой данных")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("init-db", help="применить миграции к DATABASE_URL")
    seed = commands.add_parser("seed-demo", help="заполнить базу демонстрационными данными")
    seed.add_argument("--as-of", type=_date, default=None,
                      help="дата, на которую строятся данные (по умолчанию сегодня)")
    seed.add_argument("--boundaries", type=Path, default=None,
                      help="файл границ муниципальных образований (GeoJSON)")
    seed.add_argument("--if-empty", action="store_true",
                      help="ничего не делать, если в базе уже есть данные")
    bounds = commands.add_parser("load-boundaries", help="загрузить границы из файла")
    bounds.add_argument("file", type=Path)
    bounds.add_argument("--region", default="23", help="код субъекта (по умолчанию 23)")
    args = parser.parse_args(argv)

    engine = db.get_engine()
    db.upgrade(engine)
    if args.command == "init-db":
        print(f"Схема базы данных актуальна: {engine.url.render_as_string()}")
        return 0
    if args.command == "seed-demo":
        from data_access import demo
        from data_access import boundaries
        if args.if_empty and not demo.is_empty(engine):
            print("База уже содержит данные: заполнение пропущено.")
            if args.boundaries and boundaries.has_boundaries(engine, "23"):
                return 0
        else:
            try:
                counts = demo.seed(engine, as_of=args.as_of or dt.date.today())
            except demo.NotEmptyError as error:
                print(f"Ошибка: {error}", file=sys.stderr)
                return 1
            print("Демонстрационные данные созданы: "
                  + ", ".join(f"{k} — {v}" for k, v in counts.items()))
        if args.boundaries:
            return _load_boundaries(engine, args.boundaries, "23")
        return 0
    if args.command == "load-boundaries":
        return _load_boundaries(engine, args.file, args.region)
    return 2


def _load_boundaries(engine, path: Path, region_code: str) -> int:
    from data_access import boundaries
    try:
        report = boundaries.load(engine, path, region_code=region_code)
    except boundaries.BoundaryError as error:
        print(f"Ошибка: {error}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
