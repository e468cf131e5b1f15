"""The real corpus: enough records, every region covered, the programme's territories present."""

from territoires import vocabularies
from territoires.matching import reach
from territoires.places import place

METROPOLITAN_REGIONS = {"11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"}
OVERSEAS_REGIONS = {"01", "02", "03", "04", "06"}
# Territories named in the programme's press coverage (INSEE code or EPCI SIREN).
SEED_COMMUNES = {"34164": "Montaud", "69072": "Dardilly", "61169": "Flers", "73065": "Chambéry", "97411": "Saint-Denis"}


def test_counts(built_site):
    _, corpus = built_site
    assert len(corpus.actors) >= 40
    assert len(corpus.experiences) >= 20
    assert len(corpus.guides) >= 8


def test_every_region_is_covered_by_a_regional_or_local_actor(built_site):
    _, corpus = built_site
    ref = corpus.territories
    covered = set()
    for record in corpus.actors.values():
        covered |= reach(record, ref).region_codes(ref)
    assert covered >= METROPOLITAN_REGIONS
    assert covered & OVERSEAS_REGIONS


def test_actor_types_are_varied(built_site):
    _, corpus = built_site
    kinds = {r.data.type_structure for r in corpus.actors.values()}
    assert {"association", "reseau", "etablissement-public", "editeur-numerique", "recherche"} <= kinds


def test_the_seed_territories_have_their_sheet(built_site):
    _, corpus = built_site
    places = {r.data.territoire.commune for r in corpus.experiences.values()}
    for code, name in SEED_COMMUNES.items():
        assert code in places or any(
            corpus.territories.communes[code].epci == r.data.territoire.epci
            for r in corpus.experiences.values()
            if r.data.territoire.epci
        ), name
    epcis = {corpus.territories.epcis[r.data.territoire.epci].name for r in corpus.experiences.values() if r.data.territoire.epci}
    assert any("Garonne" in name for name in epcis) and any("Clunisois" in name for name in epcis)


def test_experiences_mix_sizes_themes_and_approaches(built_site):
    _, corpus = built_site
    from territoires.matching import size_class

    sizes = {size_class(place(r, corpus.territories).population) for r in corpus.experiences.values()}
    assert len(sizes - {None}) >= 4
    assert len({t for r in corpus.experiences.values() for t in r.data.thematiques}) >= 10
    assert len({d for r in corpus.experiences.values() for d in r.data.demarches}) >= 6
    assert len({r.data.niveau_participation for r in corpus.experiences.values()}) >= 3
    experiences = list(corpus.experiences.values())
    assert all(r.data.sources and (r.data.a_retenir or r.data.conseils) for r in experiences)
    assert len([r for r in experiences if r.data.etapes]) >= 0.8 * len(experiences)
    # actors are linked only where a source documents their role (many villages acted alone)
    assert len([r for r in experiences if r.data.acteurs]) >= 15


def test_guides_cover_the_steps_small_communes_struggle_with(built_site):
    _, corpus = built_site
    stages = {s for r in corpus.guides.values() for s in r.data.etapes_projet}
    assert {"cadrage", "mobilisation", "animation", "decision", "restitution", "evaluation"} <= stages
    titles = " ".join(r.title.lower() for r in corpus.guides.values())
    for words in ("sort", "budget participatif", "réunion publique", "adolescents", "évaluer", "aller vers"):
        assert words in titles, words


def test_every_record_carries_its_verification_date(built_site):
    _, corpus = built_site
    assert all(r.data.date_verification for r in corpus.records)
    assert len(vocabularies.get("thematiques")) >= 15
