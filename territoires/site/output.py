"""An output page: where it is written, with which template and which variables."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class OutputPage:
    save_as: str  # path under output/, e.g. "acteurs/decider-ensemble/index.html"
    template: str  # template name without extension
    variables: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        """Site-relative URL of the page ("acteurs/decider-ensemble/")."""
        return self.save_as.removesuffix("index.html")


def crumbs(*items: tuple[str, str]) -> list[tuple[str, str]]:
    return [("Accueil", ""), *items]
