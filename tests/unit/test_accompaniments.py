"""The import of the ANCT's accompanied territories: every defect of the real file, on small files."""

from __future__ import annotations

import pytest

from territoires import cli
from territoires.accompaniments import Grouping, import_file, read_accompaniments, read_period, rows_csv
from territoires.problems import Problems
from territoires.territories import reference

HEADER = "id_engcit,codgeo,libgeo,echelon,Dispositif,periode,projet_partage,url\n"


def run(tmp_path, *rows: str, groupings=None):
    source = tmp_path / "anct.csv"
    source.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    result = import_file(source, reference(), groupings={} if groupings is None else groupings)
    return result, [m.split(": ", 1)[1] for m in result.messages], [m.split(":")[1] for m in result.messages]


def test_a_clean_row_becomes_one_normalised_row(tmp_path):
    result, messages, _ = run(tmp_path, "patde-1,34164,Montaud,commune,PATDE,2021-2025,,https://exemple.fr/montaud")
    assert messages == []
    [row] = result.rows
    assert (row.service, row.level, row.code, row.name, row.departments) == (
        "parcours-d-accompagnement",
        "commune",
        "34164",
        "Montaud",
        ("34",),
    )
    assert (row.start, row.end, row.url, row.lines, row.ids) == ("2021", "2025", "https://exemple.fr/montaud", (2,), ("patde-1",))
    assert result.summary == "1 ligne lue, 1 gardée, 0 fusionnée (doublons), 0 mise de côté."


def test_invalid_reference_is_set_aside_with_its_line(tmp_path):
    result, messages, lines = run(
        tmp_path,
        "cco-1,34164,Montaud,commune,CCO,,,",
        "cco-2,#Invalid Ref: Nouvelle-Calédonie,Nouvelle-Calédonie,#Invalid Ref: Nouvelle-Calédonie,CCO,,,",
    )
    assert lines == ["3"]
    assert messages == [
        "code et échelon illisibles (« #Invalid Ref: Nouvelle-Calédonie », territoire « Nouvelle-Calédonie ») : ligne mise de côté"
    ]
    assert len(result.rows) == 1 and result.set_aside == {"référence invalide": 1}
    assert "1 mise de côté (référence invalide : 1)" in result.summary


def test_duplicates_are_merged_and_counted_keeping_what_each_says(tmp_path):
    result, messages, lines = run(
        tmp_path,
        "ai-1,64,Pyrénées-Atlantiques,departement,AI,,,",
        "ai-2,64,Pyrénées-Atlantiques,departement,AI,2024-2025,Démocratie culturelle,",
        "cco-3,64,Pyrénées-Atlantiques,departement,CCO,,,",
    )
    assert lines == ["3"] and messages == ["doublon de la ligne 2 (Pyrénées-Atlantiques, même dispositif) : fusionnée avec elle"]
    merged = next(r for r in result.rows if r.service == "ateliers-interactifs")
    assert (merged.lines, merged.ids, merged.start, merged.shared_project) == (
        (2, 3),
        ("ai-1", "ai-2"),
        "2024",
        "Démocratie culturelle",
    )
    assert len(result.rows) == 2 and result.merged == 1  # another service is another row


def test_groupings_coded_epci_are_kept_as_groupings(tmp_path):
    pilat = Grouping(
        "254200363",
        "Syndicat mixte du parc naturel régional du Pilat",
        "parc-naturel-regional",
        ("42", "69"),
        "https://exemple.fr/pilat",
    )
    result, messages, _ = run(
        tmp_path,
        "ai-1,254200363,SM de gestion et réalisation Parc naturel régional du Pilat,epci,AI,,,",
        "ai-2,200049658,PETR du Pays de la Déodatie,epci,AI,,,",
        groupings={"254200363": pilat},
    )
    assert messages == [
        "« SM de gestion et réalisation Parc naturel régional du Pilat » (254200363) n'est pas une intercommunalité mais le"
        " syndicat mixte d'un parc naturel régional : gardé comme groupement, rattaché à : Loire, Rhône (source : https://exemple.fr/pilat)",
        "« PETR du Pays de la Déodatie » (200049658) n'est pas une intercommunalité du Code officiel géographique et n'est pas"
        " dans data/accompagnements/groupements.yaml : gardé comme groupement, sans département",
    ]
    levels = {(r.code, r.level, r.departments) for r in result.rows}
    assert levels == {("254200363", "groupement", ("42", "69")), ("200049658", "groupement", ())}


def test_names_that_differ_from_the_reference_take_the_official_one(tmp_path):
    result, messages, _ = run(tmp_path, "ai-1,200040293,CC Clunisois,epci,AI,,,")
    official = reference().epcis["200040293"].name
    assert messages == [f"nom « CC Clunisois » différent du référentiel (« {official} ») : le nom officiel est retenu"]
    assert result.rows[0].name == official


def test_periods_in_every_format_and_unreadable_ones(tmp_path):
    assert read_period("2021-2025") == ("2021", "2025")
    assert read_period("Sep. 2021-Dec.2022") == ("2021-09", "2022-12")
    assert read_period("Sep. 2022- Dec.2023") == ("2022-09", "2023-12")
    assert read_period("bientôt") is None
    result, messages, _ = run(
        tmp_path, "ai-1,34164,Montaud,commune,AI,Sep. 2021-Dec.2022,,", "cco-2,34164,Montaud,commune,CCO,courant 2023,,"
    )
    assert messages == [
        "période « Sep. 2021-Dec.2022 » lue comme 2021-09 – 2022-12",
        "période « courant 2023 » illisible : gardée telle quelle, sans début ni fin",
    ]
    unreadable = next(r for r in result.rows if r.service == "cellule-de-conseil-et-d-orientation")
    assert (unreadable.start, unreadable.end, unreadable.period) == ("", "", "courant 2023")


def test_unknown_codes_and_services_are_set_aside(tmp_path):
    result, messages, _ = run(tmp_path, "x-1,99999,Nulle-part,commune,AI,,,", "x-2,34164,Montaud,commune,XYZ,,,")
    assert messages == [
        "commune « 99999 » (Nulle-part) absent du Code officiel géographique : ligne mise de côté",
        "dispositif « XYZ » inconnu (attendus : CCO, PATDE, PPTDE, AI) : ligne mise de côté",
    ]
    assert result.rows == [] and sum(result.set_aside.values()) == 2


def test_a_region_code_is_read_as_a_region_when_the_level_says_so(tmp_path):
    result, _, _ = run(tmp_path, "ai-1,75,Nouvelle-Aquitaine,region,AI,,,", "ai-2,75,Paris,departement,AI,,,")
    assert {(r.level, r.name) for r in result.rows} == {("region", "Nouvelle-Aquitaine"), ("departement", "Paris")}


def test_missing_columns_is_one_french_line(tmp_path, capsys):
    source = tmp_path / "autre.csv"
    source.write_text("a,b\n1,2\n", encoding="utf-8")
    assert cli.main(["import-accompagnements", str(source)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "colonnes absentes" in err[0]


def test_normalised_file_is_read_back_and_checked(tmp_path):
    result, _, _ = run(tmp_path, "patde-1,34164,Montaud,commune,PATDE,2021-2025,,")
    data = tmp_path / "accompagnements.csv"
    data.write_text(rows_csv(result.rows, "https://exemple.fr/source.csv"), encoding="utf-8")
    problems = Problems(tmp_path)
    [row] = read_accompaniments(reference(), problems, data)
    assert problems.items == [] and row.line == 2 and row.source == "https://exemple.fr/source.csv"
    data.write_text(data.read_text(encoding="utf-8").replace(",34164,", ",34999,"), encoding="utf-8")
    assert read_accompaniments(reference(), problems, data) == []
    assert [p.format() for p in problems.items] == [
        "accompagnements.csv:2:3: colonne « code » : code « 34999 » inconnu du référentiel des territoires pour le niveau « commune »"
    ]


@pytest.mark.parametrize("run_twice", [True])
def test_the_real_file_imports_the_same_way_twice(tmp_path, run_twice):
    from territoires.accompaniments import SOURCE_FOLDER, write_import

    source = SOURCE_FOLDER / "territoires-accompagnes.csv"
    data, report = tmp_path / "a.csv", tmp_path / "r.md"
    first = import_file(source, reference())
    assert write_import(first, source, data, report) == [data, report]
    assert write_import(import_file(source, reference()), source, data, report) == []
    assert first.read == 230 and first.set_aside == {"référence invalide": 1}
    assert len(first.rows) + first.merged + 1 == 230
