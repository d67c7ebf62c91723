"""`compliance steps`: the step catalogue of one language, each step with what it does and a working example."""

from __future__ import annotations

from compliance.bdd import steps  # noqa: F401  (fills the catalogue)
from compliance.bdd.library import CATALOGUE, KEYWORDS


def render_steps(lang: str) -> str:
    lines: list[str] = []
    heading = {"zh": "# language: zh-CN 的步骤", "en": "Steps for English features"}[lang]
    lines.append(heading)
    for doc in (d for d in CATALOGUE if d.lang == lang):
        lines.append("")
        lines.append(f"{KEYWORDS[lang][doc.type]} {doc.example}")
        lines.extend(f"    | {' | '.join(row)} |" for row in doc.table)
        lines.append(f"    # {doc.help}")
    and_word = "而且" if lang == "zh" else "And"
    lines += [
        "",
        f"# {and_word} …: " + ("续写上一步的同类步骤" if lang == "zh" else "continues the steps of the kind above"),
    ]
    return "\n".join(lines) + "\n"
