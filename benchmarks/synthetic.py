"""Synthetic data packs N times the size of the bundled one, for measuring how costs grow.

Every record is copied N times with its id (and every id it refers to) suffixed by the copy's
number, so each copy is a complete, valid pack in itself and the whole is valid too.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from arguments.load import BUNDLED_PACK, KINDS

# Fields that hold ids, per record kind: (field, kind of record it refers to).
_REFERENCES: dict[str, dict[str, str]] = {
    "work": {},
    "school": {},
    "evidence": {"sources": "work"},
    "claim": {"held_by": "work"},
    "thesis": {"claims": "claim"},
    "question": {"theses": "thesis"},
    "topic": {"evidence": "evidence"},
}


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _suffix(value: str, copy: int) -> str:
    return value if copy == 0 else f"{value}-x{copy}"


def _copy_record(kind: str, record: dict[str, Any], copy: int) -> dict[str, Any]:
    out = dict(record)
    out["id"] = _suffix(record["id"], copy)
    for field in _REFERENCES[kind]:
        if field in out:
            out[field] = [_suffix(v, copy) for v in out[field]]
    if kind == "school":
        out["historians"] = [{**h, "works": [_suffix(w, copy) for w in h["works"]]} for h in record["historians"]]
    if kind == "thesis" and record.get("rival"):
        out["rival"] = _suffix(record["rival"], copy)
    if kind == "question" and "framing" in record:
        out["framing"] = [{**f, "thesis": _suffix(f["thesis"], copy)} for f in record["framing"]]
    if kind == "claim":
        for side in ("support", "counter"):
            out[side] = [{**link, "evidence": _suffix(link["evidence"], copy)} for link in record[side]]
    return out


def write_synthetic_pack(target: Path, copies: int, source: Path = BUNDLED_PACK) -> Path:
    """Write a pack ``copies`` times the size of ``source`` into ``target`` and return it.

    Schools keep their ids (a teacher's big pack has more evidence, not more schools), so every
    copy's claims, theses and topics refer to the same four schools.
    """
    target.mkdir(parents=True, exist_ok=True)
    (target / "pack.toml").write_text((source / "pack.toml").read_text(encoding="utf-8"), encoding="utf-8")
    for kind in KINDS:
        records: list[dict[str, Any]] = []
        for pattern in kind.paths:
            for path in sorted(source.glob(pattern)):
                records += tomllib.loads(path.read_text(encoding="utf-8")).get(kind.key, [])
        lines: list[str] = []
        for copy in range(1 if kind.key == "school" else copies):
            for record in records:
                lines.append(f"[[{kind.key}]]")
                for key, value in _copy_record(kind.key, record, copy).items():
                    lines.append(f"{key} = {_toml_value(value)}")
                lines.append("")
        name = kind.paths[0].replace("*", "synthetic")
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text("\n".join(lines), encoding="utf-8")
    return target
