"""Extension points of the IKM and sentra pages for the apps built on the registry.

The registry may not import the apps above it (licensing, guidance), yet their records belong
on its pages. Each such app registers a panel in its `AppConfig.ready()`: a function that
takes the request and the record and returns a `Panel` (or None to show nothing). The detail
views render the panels in the order the apps are installed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    """A section of a detail page: its template and what that template needs."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


PanelFunction = Callable[[HttpRequest, Any], Panel | None]

_ikm_panels: list[PanelFunction] = []
_sentra_panels: list[PanelFunction] = []


def register_ikm_panel(function: PanelFunction) -> PanelFunction:
    if function not in _ikm_panels:
        _ikm_panels.append(function)
    return function


def register_sentra_panel(function: PanelFunction) -> PanelFunction:
    if function not in _sentra_panels:
        _sentra_panels.append(function)
    return function


def ikm_panels(request: HttpRequest, ikm) -> list[Panel]:
    return [panel for function in _ikm_panels if (panel := function(request, ikm))]


def sentra_panels(request: HttpRequest, sentra) -> list[Panel]:
    return [panel for function in _sentra_panels if (panel := function(request, sentra))]
