"""From an issue form to a record: answers parsed as data, validated like any file."""

from __future__ import annotations

import datetime as dt

import pytest

from territoires import cli
from territoires.from_issue import FORMS as ISSUE_FORMS
from territoires.from_issue import IssueError, proposal_from_issue
from territoires.problems import Problems
from territoires.territories import reference
from tests.conftest import ACTOR, minimal_tree, write

TODAY = dt.date(2026, 11, 21)


def issue_body(form_name: str, answers: dict) -> str:
    """An issue body as GitHub writes it for one of our forms: "### Label" then the answer."""
    form = ISSUE_FORMS[form_name]()
    parts = []
    for item in form["body"]:
        if "id" not in item:
            continue
        label = item["attributes"]["label"]
        value = answers.get(item["id"])
        if item["type"] == "checkboxes":
            chosen = value or []
            lines = [f"- [{'X' if o['label'] in chosen else ' '}] {o['label']}" for o in item["attributes"]["options"]]
            parts.append(f"### {label}\n\n" + "\n".join(lines))
        else:
            parts.append(f"### {label}\n\n{value if value else '_No response_'}")
    return "\n\n".join(parts) + "\n"


CONSENT = [
    "J'accepte que ma proposition soit publiée sous Licence Ouverte 2.0.",
    "Ma proposition ne contient aucune donnée personnelle (ni nom d'habitant, ni adresse ou téléphone personnels).",
]

ACTOR_ANSWERS = {
    "nom": "Collectif Démo",
    "type_structure": "Association",
    "resume": "Un collectif qui aide les petites communes de l'Hérault à organiser des ateliers avec les habitants.",
    "thematiques": ["Vie démocratique et gouvernance locale", "Patrimoine, friches et lieux vacants"],
    "offres": ["Animation et facilitation"],
    "regions": "Occitanie",
    "departements": "Hérault, 30",
    "communes": "34164, 243400017",
    "site_web": "https://exemple.org",
    "contact_email": "contact@exemple.org",
    "sources": "Qui sommes-nous | https://exemple.org/qui-sommes-nous",
    "presentation": "Le collectif **anime** des ateliers.",
    "consentement": CONSENT,
}

EXPERIENCE_ANSWERS = {
    "titre": "Un atelier de quartier pour refaire la place",
    "resume": "Les habitants ont dessiné avec les élus le nouvel aménagement de la place du village.",
    "commune": "34164",
    "porteur_nom": "Commune de Montaud",
    "porteur_type": "Commune",
    "debut": "2024-03",
    "thematiques": ["Aménagement et urbanisme"],
    "demarches": ["Co-construction de projet"],
    "niveau_participation": "Co-construction",
    "acteurs": "anct",
    "a_retenir": "- Partir des usages\n- Tester avant de construire",
    "sources": "Article du journal | https://exemple.fr/article",
    "recit": "## Contexte\n\nLa place était un parking.",
    "consentement": CONSENT,
}


def test_actor_issue_becomes_a_valid_record(tmp_path):
    proposal = proposal_from_issue(issue_body("actor", ACTOR_ANSWERS), TODAY, reference())
    assert (proposal.kind, proposal.record_id, proposal.problems) == ("actor", "collectif-demo", [])
    assert proposal.fields["intervention"] == {
        "regions": ["76"],
        "departements": ["34", "30"],
        "epci": ["243400017"],
        "communes": ["34164"],
    }
    assert proposal.fields["thematiques"] == ["vie-democratique", "patrimoine-friches"]
    content = write(tmp_path, minimal_tree() | {"actors/collectif-demo.md": proposal.text()})
    assert cli.main(["validate", "--content", str(content)]) == 0


def test_experience_issue_through_the_command(tmp_path, capsys):
    content = write(tmp_path, minimal_tree() | {"actors/anct.md": ACTOR.replace("Association exemple", "ANCT")})
    body = tmp_path / "issue.md"
    body.write_text(issue_body("experience", EXPERIENCE_ANSWERS), encoding="utf-8")
    report = tmp_path / "compte-rendu.md"
    code = cli.main(["from-issue", str(body), "--content", str(content), "--report", str(report), "--date", "2026-11-21"])
    assert code == 0, capsys.readouterr().err
    created = content / "experiences" / "un-atelier-de-quartier-pour-refaire-la-place.md"
    text = created.read_text(encoding="utf-8")
    assert "en_cours: oui" in text and "a_retenir:\n  - Partir des usages\n  - Tester avant de construire" in text
    assert text.endswith("## Contexte\n\nLa place était un parking.\n")
    assert "Merci ! Votre proposition est devenue la fiche" in report.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "field, value",
    [
        ("nom", 'Démo"; rm -rf / $(whoami) `id`'),
        ("resume", "Texte normal assez long pour être accepté.\nsite_web: javascript:alert(1)\n---\nx: y"),
        ("site_web", "https://exemple.org/?q=$(reboot)&a=`id`"),
        ("presentation", "{{ 7*7 }} {% include '/etc/passwd' %} ${HOME}"),
    ],
)
def test_hostile_answers_stay_data(tmp_path, field, value):
    answers = ACTOR_ANSWERS | {field: value}
    proposal = proposal_from_issue(issue_body("actor", answers), TODAY, reference())
    content = write(tmp_path, minimal_tree() | {f"actors/{proposal.record_id}.md": proposal.text()})
    from territoires.loading import read_record
    from territoires.models import KINDS

    record = read_record(content / "actors" / f"{proposal.record_id}.md", KINDS["actor"], Problems(tmp_path))
    assert set(record.raw) <= set(KINDS["actor"].model.model_fields)  # no answer added a field
    stored = record.body if field == "presentation" else record.raw[field]
    assert " ".join(stored.split()) == " ".join(value.split()) or stored == value


def test_hostile_markup_is_reported_not_published(tmp_path, capsys):
    content = write(tmp_path, minimal_tree())
    body = tmp_path / "issue.md"
    body.write_text(
        issue_body("actor", ACTOR_ANSWERS | {"presentation": "<script>alert(1)</script>", "site_web": "javascript:alert(1)"}),
        encoding="utf-8",
    )
    report = tmp_path / "compte-rendu.md"
    assert cli.main(["from-issue", str(body), "--content", str(content), "--report", str(report)]) == 1
    text = report.read_text(encoding="utf-8")
    assert "champ « site_web » : une adresse web complète commençant par https:// ou http:// attendu" in text
    assert "HTML brut « <script> » non accepté" in text
    assert "Modifiez votre issue" in text


def test_unknown_places_and_values_are_explained():
    answers = ACTOR_ANSWERS | {"regions": "Atlantide", "communes": "12"}
    proposal = proposal_from_issue(issue_body("actor", answers), TODAY, reference())
    assert proposal.problems == [
        "« Régions couvertes » : « Atlantide » n'est ni un code ni un nom connu",
        "« Intercommunalités ou communes couvertes » : « 12 » n'est ni un code INSEE ni un SIREN",
    ]


def test_text_that_is_not_a_form_is_refused():
    with pytest.raises(IssueError) as error:
        proposal_from_issue("Bonjour, pouvez-vous ajouter mon association ?", TODAY, reference())
    assert "formulaire" in error.value.messages[0]


def test_experience_issue_with_several_communes_partners_and_an_award(tmp_path):
    answers = EXPERIENCE_ANSWERS | {
        "commune": "34164, 34172",
        "debut": "",
        "niveau_participation": "",
        "partenaires": "- Musée de la mine\n- Association des riverains",
        "distinctions": "Trophées de la participation | 2019",
        "site_web": "https://exemple.fr/projet",
    }
    proposal = proposal_from_issue(issue_body("experience", answers), TODAY, reference())
    assert proposal.problems == []
    fields = proposal.fields
    assert (
        fields["territoire"] == {"communes": ["34164", "34172"]}
        and "debut" not in fields
        and "niveau_participation" not in fields
    )
    assert fields["partenaires"] == ["Musée de la mine", "Association des riverains"]
    assert fields["distinctions"] == [{"titre": "Trophées de la participation", "annee": "2019"}]
    assert fields["site_web"] == "https://exemple.fr/projet"
