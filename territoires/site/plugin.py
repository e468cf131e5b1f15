"""The Pelican plugin: registers the generator that turns our records into pages."""

from pelican import signals

from .generator import SiteGenerator


def get_generators(pelican):
    return SiteGenerator


def register():
    signals.get_generators.connect(get_generators)
