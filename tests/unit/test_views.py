"""What pages say: French dates, numbers, periods, territories."""

import datetime as dt

from territoires import places
from territoires.site import views
from territoires.territories import reference
from territoires.validation import load_corpus
from tests.conftest import EXPERIENCE, TODAY, minimal_tree, write


def test_french_dates():
    assert views.date_fr(dt.date(2026, 11, 2)) == "2 novembre 2026"
    assert views.date_fr("2021-01-01") == "1er janvier 2021"
    assert views.date_fr("2021-09") == "septembre 2021"
    assert views.date_fr("2021") == "2021"


def test_french_numbers_use_narrow_no_break_spaces():
    assert views.number_fr(155634) == "155\u202f634"
    assert views.number_fr(860) == "860"


def corpus_with(tmp_path, experience: str):
    content = write(tmp_path, minimal_tree() | {"experiences/cafe-citoyen.md": experience})
    corpus, problems = load_corpus(content, project_root=tmp_path, today=TODAY)
    assert corpus is not None, [p.format() for p in problems.items]
    return corpus


def test_period_and_place_from_the_reference(tmp_path):
    corpus = corpus_with(tmp_path, EXPERIENCE)
    record = corpus.experiences["cafe-citoyen"]
    assert views.period(record) == "depuis 2021 (en cours)"
    facts = places.place(record, corpus.territories)
    assert (facts.name, facts.department.name, facts.region.name) == ("Montaud", "Hérault", "Occitanie")
    assert facts.population == reference().communes["34164"].population
    assert facts.population_scope == "commune"
    assert facts.summary == "Montaud (Hérault)"


def test_finished_period(tmp_path):
    corpus = corpus_with(tmp_path, EXPERIENCE.replace("en_cours: oui", "fin: 2023-06"))
    assert views.period(corpus.experiences["cafe-citoyen"]) == "de 2021 à juin 2023"


def test_periods_elide_de_before_a_vowel(tmp_path):
    october = EXPERIENCE.replace("debut: 2021", "debut: 2015-10")
    corpus = corpus_with(tmp_path, october.replace("en_cours: oui", "fin: 2020-09"))
    assert views.period(corpus.experiences["cafe-citoyen"]) == "d'octobre 2015 à septembre 2020"
    corpus = corpus_with(tmp_path, october.replace("en_cours: oui", "en_cours: non"))
    assert views.period(corpus.experiences["cafe-citoyen"]) == "à partir d'octobre 2015"


def test_coverage_in_words(tmp_path):
    corpus = corpus_with(tmp_path, EXPERIENCE)
    actor = corpus.actors["association-exemple"]
    assert places.coverage(actor, corpus.territories) == [places.Covered("departement", "34", "Hérault (34)")]


def test_participation_scale_marks_levels_reached():
    scale = views.participation_scale("concertation")
    assert [s["reached"] for s in scale] == [True, True, True, False, False]
    assert [s["id"] for s in scale if s["current"]] == ["concertation"]
