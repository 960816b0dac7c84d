"""The Jinja environment: pages, and their htmx fragments as named blocks of the same files."""

from jinja2_fragments import render_block
from jinja2_fragments.fastapi import Jinja2Blocks

from app.domain.clock import aware
from app.domain.dutch import dutch_date
from app.domain.sessions import grouped_code
from app.settings import PROJECT_ROOT

templates = Jinja2Blocks(directory=PROJECT_ROOT / "templates")
env = templates.env


def dom_id(key: str) -> str:
    """A field key such as 'w1.kwaliteit.zin' (or a moderation reference 'g3:tk.inzicht_w1.1')
    as an HTML id."""
    return key.replace(".", "-").replace("_", "-").replace(":", "-")


# Which tab of the group tablet belongs to the werkvorm of the programme's current block.
WERKVORM_TABS = {"scenario-denken": "w1", "partners-in-beeld": "w2", "terugkoppeling": "w2"}


def tablet_tab(content, block_id: str | None) -> str:
    block = content.programma.blok(block_id) if block_id else None
    return WERKVORM_TABS.get(block.werkvorm if block else "", "casus")


def epoch_ms(moment) -> int:
    """A moment as JavaScript counts time: milliseconds since 1970 (for the clock's ticking)."""
    return round(aware(moment).timestamp() * 1000)


env.globals["tablet_tab"] = tablet_tab
env.filters["epoch_ms"] = epoch_ms
env.filters["dom_id"] = dom_id
env.filters["dutch_date"] = dutch_date
env.filters["grouped_code"] = grouped_code


def block(template: str, name: str, **context) -> str:
    """Render one named block to a string, e.g. for a server-sent event."""
    return render_block(env, template, name, **context)


# The field, steps and casus-line macros, usable in every page and in every block rendered alone.
env.globals["ui"] = env.get_template("partials/fields.html").module
env.globals["moderation"] = env.get_template("partials/moderation.html").module
