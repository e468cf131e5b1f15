"""The command line: `python build.py <command>`. Each command's help carries an example."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from . import problems as problems_module
from .config import SiteConfig
from .errors import ProjectError
from .models import KINDS, RECORD_KINDS
from .paths import PROJECT_ROOT, shown_path
from .problems import ContentError, Problem

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _settings(args: argparse.Namespace | None = None, **overrides):
    from .site.settings import load_settings

    if args is not None and getattr(args, "siteurl", None) is not None:
        overrides["SITEURL"] = args.siteurl.rstrip("/")
    if args is not None and getattr(args, "output", None):
        overrides["OUTPUT_PATH"] = str(Path(args.output).resolve())
    if args is not None and getattr(args, "content", None):
        overrides["PATH"] = str(Path(args.content).resolve())
    if args is not None and getattr(args, "theme", None):
        overrides["THEME"] = str(Path(args.theme).resolve())
    return load_settings(overrides)


def cmd_validate(args: argparse.Namespace) -> int:
    """Vérifie les fiches et affiche chaque problème : fichier:ligne:colonne: message.

    Exemple : python build.py validate content/actors/decider-ensemble.md
    """
    from .validation import content_files, load_corpus

    settings = _settings(args)
    content = Path(settings["PATH"])
    wanted = [Path(p).resolve() for p in args.paths]
    for given, path in zip(args.paths, wanted, strict=True):
        # A mistyped name must not end in "aucun problème": nothing of it would have been checked.
        if not path.exists():
            print(f"✗ {given} : fichier ou dossier introuvable.", file=sys.stderr)
            return EXIT_USAGE
        if not _under(path, [content.resolve()]) and not _under(content.resolve(), [path]):
            print(
                f"✗ {given} n'est pas dans le dossier du contenu ({shown_path(content)}) : seules ses fiches sont vérifiées.",
                file=sys.stderr,
            )
            return EXIT_USAGE
    _, found = load_corpus(content, keep=False)  # checking only: no corpus is assembled
    items = found.items
    if args.paths:
        items = [p for p in items if _under((content.parent / p.path).resolve(), wanted)]
    errors = [p for p in items if p.severity == "error"]
    _print_problems(items, args.format)
    if args.format == "json":
        return EXIT_CONTENT if errors else EXIT_OK
    if errors:
        files = len({p.path for p in errors})
        print(f"✗ {_plural(len(errors), 'problème')} dans {_plural(files, 'fichier')}.", file=sys.stderr)
        return EXIT_CONTENT
    if found.errors:  # problems elsewhere than in the requested paths
        print("✓ Aucun problème dans les fichiers demandés (d'autres fichiers en ont).", file=sys.stderr)
        return EXIT_OK
    counts = [_plural(len(content_files(content, kind.name)), kind.label, kind.label_plural) for kind in KINDS.values()]
    print(f"✓ {', '.join(counts[:-1])} et {counts[-1]} : aucun problème.", file=sys.stderr)
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    """Vérifie les fiches puis construit tout le site dans output/ (pages, index de recherche, données).

    Exemple : python build.py build --siteurl https://exemple.github.io/territoires-en-commun
    """
    from .site.build import build

    started = time.perf_counter()
    settings = _settings(args)
    try:
        result = build(settings)
    except ContentError as exc:
        _print_problems(exc.problems, "text")
        print(f"✗ Site non construit : {_plural(len(exc.problems), 'problème')} à corriger.", file=sys.stderr)
        return EXIT_CONTENT
    elapsed = time.perf_counter() - started
    print(
        f"✓ Site construit dans {shown_path(result.output)} : {_plural(result.pages, 'page')} en {elapsed:.2f} s.",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Construit le site, le sert sur http://127.0.0.1:8000 et le reconstruit à chaque modification.

    Exemple : python build.py serve --port 8001
    """
    from .site.serve import serve

    return serve(_settings(args), bind=args.bind, port=args.port)


def cmd_new(args: argparse.Namespace) -> int:
    """Crée une fiche pré-remplie, au bon nom de fichier, à compléter.

    Exemple : python build.py new actor "Décider ensemble"
    """
    from .loading import slugify
    from .scaffold import scaffold

    record_id = slugify(args.name)
    if not record_id:
        print(f"✗ Impossible de tirer un identifiant du nom « {args.name} ».", file=sys.stderr)
        return EXIT_USAGE
    settings = _settings(args)
    path = Path(settings["PATH"]) / KINDS[args.kind].folder / f"{record_id}.md"
    if path.exists():
        print(f"✗ {shown_path(path)} existe déjà : modifiez ce fichier ou choisissez un autre nom.", file=sys.stderr)
        return EXIT_USAGE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(scaffold(args.kind, args.name, dt.date.today()), encoding="utf-8")
    print(shown_path(path))
    print(
        f"✓ Fiche créée : complétez {shown_path(path)} puis lancez « python build.py validate {shown_path(path)} ».",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_schemas(args: argparse.Namespace) -> int:
    """Écrit les schémas JSON des fiches dans schemas/ ; avec --check, vérifie qu'ils sont à jour.

    Exemple : python build.py schemas --check
    """
    from .schemas import stale_schemas, write_schemas

    if args.check:
        stale = stale_schemas()
        if stale:
            print(
                f"✗ Schémas à régénérer ({', '.join(stale)}) : lancez « python build.py schemas » et validez le résultat.",
                file=sys.stderr,
            )
            return EXIT_CONTENT
        print("✓ Les schémas de schemas/ correspondent aux modèles.", file=sys.stderr)
        return EXIT_OK
    for name in write_schemas():
        print(f"schemas/{name}")
    return EXIT_OK


def cmd_docs(args: argparse.Namespace) -> int:
    """Régénère les tableaux de champs de CONTRIBUTING.md, les formulaires .github/ISSUE_TEMPLATE/ et la
    configuration de l'éditeur de fiches (admin/config.yml).

    Exemple : python build.py docs --check
    """
    from .contributing import stale_docs, write_docs
    from .editor import CONFIG_FILE, config_text

    site = SiteConfig.from_settings(_settings(args))
    editor = config_text(site.repository_url, site.repository_branch, site.editor_auth_base_url)
    if args.check:
        stale = stale_docs()
        if not CONFIG_FILE.exists() or CONFIG_FILE.read_text(encoding="utf-8") != editor:
            stale.append("admin/config.yml")
        if stale:
            print(f"✗ Documentation à régénérer ({', '.join(stale)}) : lancez « python build.py docs ».", file=sys.stderr)
            return EXIT_CONTENT
        print("✓ CONTRIBUTING.md, les formulaires et l'éditeur correspondent aux modèles.", file=sys.stderr)
        return EXIT_OK
    for name in write_docs():
        print(name)
    CONFIG_FILE.parent.mkdir(parents=True, exist_ok=True)
    CONFIG_FILE.write_text(editor, encoding="utf-8")
    print("admin/config.yml")
    return EXIT_OK


def cmd_from_issue(args: argparse.Namespace) -> int:
    """Transforme le texte d'une issue « Proposer un acteur / une expérience » en fiche, puis la vérifie.

    Exemple : python build.py from-issue corps-de-l-issue.md --report resultat.md
    """
    from .from_issue import IssueError, proposal_from_issue
    from .models import KINDS
    from .territories import reference
    from .validation import load_corpus

    settings = _settings(args)
    content = Path(settings["PATH"])
    raw = Path(args.file).read_bytes()[:200_000].decode("utf-8", errors="replace")
    lines: list[str] = []
    path = None
    try:
        proposal = proposal_from_issue(raw, dt.date.fromisoformat(args.date) if args.date else dt.date.today(), reference())
    except IssueError as error:
        lines = error.messages
    else:
        lines = list(proposal.problems)
        path = content / KINDS[proposal.kind].folder / f"{proposal.record_id}.md"
        if path.exists():
            lines.append(
                f"Une fiche « {proposal.record_id} » existe déjà ({shown_path(path)}) : s'il s'agit de la même, proposez plutôt une correction."
            )
            path = None
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(proposal.text(), encoding="utf-8")
            _, found = load_corpus(content)
            # Line numbers of the generated file mean nothing to the issue's author: the message alone.
            lines += [p.message for p in found.errors if p.path == found.display_path(path)]
    if path is not None:
        print(shown_path(path))
    for line in lines:
        print(f"✗ {line}", file=sys.stderr)
    if args.report:
        Path(args.report).write_text(_issue_report(path, lines), encoding="utf-8")
    return EXIT_CONTENT if lines or path is None else EXIT_OK


def _issue_report(path: Path | None, lines: list[str]) -> str:
    """The comment posted back on the issue, in French Markdown."""
    if not lines and path is not None:
        return (
            f"Merci ! Votre proposition est devenue la fiche `{shown_path(path)}`. "
            "Une proposition de modification (pull request) vient d'être ouverte : un partenaire va la relire.\n"
        )
    items = "\n".join(f"- {line}" for line in lines)
    return (
        "Merci pour votre proposition ! Elle ne peut pas encore devenir une fiche :\n\n"
        f"{items}\n\nModifiez votre issue (menu « … » puis « Edit ») pour corriger : la vérification recommencera.\n"
    )


def cmd_check_changes(args: argparse.Namespace) -> int:
    """Vérifie ce qu'une proposition change par rapport à une branche : refuse un renommage ou une
    suppression de fiche publiée, signale ce qui ressemble à des données personnelles.

    Exemple : python build.py check-changes --base origin/main --summary resume.md --format github
    """
    from .changes import GitError, check, summary_markdown
    from .problems import Problems

    settings = _settings(args)
    found = Problems(PROJECT_ROOT)
    try:
        rows = check(PROJECT_ROOT, args.base, found)
    except GitError as error:
        print(f"✗ Comparaison impossible avec « {args.base} » : {error}", file=sys.stderr)
        return EXIT_USAGE
    _print_problems(found.items, args.format)
    if args.summary:
        Path(args.summary).write_text(
            summary_markdown(rows, SiteConfig.from_settings(settings).public_url, found), encoding="utf-8"
        )
    if found.errors:
        print(f"✗ {_plural(len(found.errors), 'changement refusé', 'changements refusés')}.", file=sys.stderr)
        return EXIT_CONTENT
    print(f"✓ {_plural(len(rows), 'fiche concernée', 'fiches concernées')}, aucun changement refusé.", file=sys.stderr)
    return EXIT_OK


def cmd_check_links(args: argparse.Namespace) -> int:
    """Vérifie que les adresses web citées par les fiches répondent encore (sites, formulaires, sources).

    Exemple : python build.py check-links --report liens.md
    """
    from .maintenance import broken_links, links_report
    from .validation import validated_corpus

    corpus = validated_corpus(Path(_settings(args)["PATH"]))
    broken = broken_links(corpus, timeout=args.timeout)
    for item in broken:
        print(f"{item.source}: {item.url} : {item.reason}")
    if args.report:
        Path(args.report).write_text(links_report(broken), encoding="utf-8")
    print(f"{'✗' if broken else '✓'} {_plural(len(broken), 'lien cassé', 'liens cassés')}.", file=sys.stderr)
    return EXIT_CONTENT if broken else EXIT_OK


def cmd_freshness(args: argparse.Namespace) -> int:
    """Liste les fiches qui n'ont pas été vérifiées depuis plus de 12 mois.

    Exemple : python build.py freshness --report a-verifier.md
    """
    from .maintenance import freshness_report, stale_records
    from .validation import validated_corpus

    corpus = validated_corpus(Path(_settings(args)["PATH"]))
    today = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    stale = stale_records(corpus, today)
    for record in stale:
        print(f"{record.source}: vérifiée le {record.data.reviewed.isoformat()}")
    if args.report:
        Path(args.report).write_text(freshness_report(stale, today), encoding="utf-8")
    print(f"{_plural(len(stale), 'fiche', 'fiches')} à vérifier.", file=sys.stderr)
    return EXIT_OK


def cmd_refresh_territories(args: argparse.Namespace) -> int:
    """Régénère data/territoires/ depuis le paquet npm @etalab/decoupage-administratif installé.

    Exemple : npm ci && python build.py refresh-territories
    """
    from .reference_refresh import SOURCE_DIR, refresh

    if not (SOURCE_DIR / "data").is_dir():
        print("✗ Paquet @etalab/decoupage-administratif absent : lancez d'abord « make install ».", file=sys.stderr)
        return EXIT_USAGE
    counts = refresh()
    print("✓ Référentiel des territoires régénéré : " + ", ".join(f"{n} {k}" for k, n in counts.items()) + ".", file=sys.stderr)
    return EXIT_OK


def cmd_import_accompaniments(args: argparse.Namespace) -> int:
    """Importe le fichier des territoires accompagnés par l'ANCT dans data/accompagnements/.

    Chaque défaut du fichier est signalé avec sa ligne et la décision prise ; le bilan est écrit
    dans data/accompagnements/rapport-import.md. Un second import du même fichier ne change rien.

    Exemple : python build.py import-accompagnements data/accompagnements/source/territoires-accompagnes.csv
    """
    from .accompaniments import import_file, write_import
    from .territories import reference

    source = Path(args.file)
    if not source.is_file():
        print(f"✗ {args.file} : fichier introuvable.", file=sys.stderr)
        return EXIT_USAGE
    result = import_file(source, reference())
    for message in result.messages:
        print(message)
    sys.stdout.flush()
    changed = write_import(result, source)
    written = ", ".join(shown_path(p) for p in changed) or "aucun fichier modifié"
    print(f"✓ {result.summary} ({written})", file=sys.stderr)
    return EXIT_OK


def cmd_coverage(args: argparse.Namespace) -> int:
    """Par département : les acteurs locaux et régionaux (par type d'aide), les retours d'expérience, les
    communes de moins de 3 500 habitants qu'aucun acteur local ne couvre, et les départements sans acteur local.

    Exemple : python build.py couverture --format csv > couverture.csv
    """
    import csv

    from .coverage import SMALL, coverage_by_department, headline, offer_columns
    from .validation import validated_corpus

    rows = coverage_by_department(validated_corpus(Path(_settings(args)["PATH"])))
    offers = offer_columns()
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["departement", "nom", "acteurs_locaux", "acteurs_regionaux_et_locaux", *[o for o, _ in offers],
                         "retours_experience", "communes_moins_3500", "communes_moins_3500_sans_acteur_local",
                         "communes_moins_3500_avec_deux_acteurs_locaux"])  # fmt: skip
        for r in rows:
            writer.writerow([r.code, r.name, r.local_actors, r.actors, *[r.offers[o] for o, _ in offers],
                             r.experiences, r.small_communes, r.small_without_local, r.small_with_two])  # fmt: skip
        return EXIT_OK
    print(
        f"{'dép.':<5} {'nom':<26} {'locaux':>6} {'+ régionaux':>11} {'expériences':>11} {'< ' + str(SMALL) + ' sans acteur local':>26}"
    )
    for r in rows:
        print(
            f"{r.code:<5} {r.name[:26]:<26} {r.local_actors:>6} {r.actors:>11} {r.experiences:>11} {r.small_without_local:>10} sur {r.small_communes:<6}"
        )
    figures = headline(rows)
    missing = ", ".join(f"{r.name} ({r.code})" for r in figures["sans_acteur_local"]) or "aucun"
    print(
        f"✓ {figures['departements_avec_acteur_local']} départements sur {figures['departements']} ont au moins un acteur local"
        f" ({figures['metropole_avec_acteur_local']} sur {figures['metropole']} en métropole) ;"
        f" {figures['petites_communes_couvertes']} communes de moins de {SMALL} habitants sur {figures['petites_communes']}"
        f" sont couvertes par un acteur local, {figures['petites_communes_deux_acteurs']} par deux acteurs locaux"
        f" au moins. Sans acteur local : {missing}.",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_format(args: argparse.Namespace) -> int:
    """Réécrit l'en-tête des fiches dans la forme commune (ordre des champs, listes, guillemets, oui/non) ;
    avec --check, échoue si une fiche n'y est pas. Les données ne changent pas, seule leur écriture.

    Exemple : python build.py format --check
    """
    from .formatting import format_files

    content = Path(_settings(args)["PATH"])
    changed = format_files(content, write=not args.check)
    for path in changed:
        print(shown_path(path))
    if args.check and changed:
        print(
            f"✗ {_plural(len(changed), 'fiche')} à remettre en forme : lancez « python build.py format » (les données ne changent pas).",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    verb = "remise en forme" if len(changed) < 2 else "remises en forme"
    print(
        f"✓ {_plural(len(changed), 'fiche')} {verb}." if not args.check else "✓ Toutes les fiches sont dans la forme commune.",
        file=sys.stderr,
    )
    return EXIT_OK


COMMANDS = {
    "validate": (cmd_validate, "vérifier les fiches"),
    "build": (cmd_build, "construire le site dans output/"),
    "serve": (cmd_serve, "construire, servir et reconstruire à chaque modification"),
    "new": (cmd_new, "créer une fiche pré-remplie"),
    "schemas": (cmd_schemas, "générer ou vérifier les schémas JSON"),
    "from-issue": (cmd_from_issue, "transformer une issue de proposition en fiche"),
    "check-changes": (cmd_check_changes, "contrôler les changements d'une proposition"),
    "check-links": (cmd_check_links, "vérifier les liens externes des fiches"),
    "freshness": (cmd_freshness, "lister les fiches à vérifier"),
    "docs": (cmd_docs, "générer ou vérifier la documentation des champs et les formulaires"),
    "refresh-territories": (cmd_refresh_territories, "régénérer le référentiel des territoires"),
    "import-accompagnements": (cmd_import_accompaniments, "importer les territoires accompagnés par l'ANCT"),
    "format": (cmd_format, "écrire l'en-tête des fiches dans la forme commune"),
    "couverture": (cmd_coverage, "où l'aide locale est connue, où elle manque, par département"),
}


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python build.py",
        description="Territoires en commun : vérifier les fiches, construire et servir le site.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
    )
    main.add_argument("-h", "--help", action="help", help="afficher cette aide")
    sub = main.add_subparsers(dest="command", metavar="COMMANDE", parser_class=argparse.ArgumentParser)
    sub.required = True
    subparsers = {}
    for name, (function, summary) in COMMANDS.items():
        p = sub.add_parser(
            name,
            help=summary,
            description=function.__doc__,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            add_help=False,
        )
        p.add_argument("-h", "--help", action="help", help="afficher cette aide")
        p.set_defaults(func=function)
        subparsers[name] = p
    subparsers["validate"].add_argument(
        "paths", nargs="*", metavar="CHEMIN", help="fichiers ou dossiers à vérifier (tout par défaut)"
    )
    subparsers["validate"].add_argument(
        "--format",
        choices=["text", "github", "json"],
        default="text",
        help="text (par défaut), github (annotations GitHub Actions) ou json",
    )
    for name in ("build", "serve"):
        subparsers[name].add_argument("--siteurl", help="adresse de base du site (ex. /territoires-en-commun)")
        subparsers[name].add_argument("--output", help="dossier de sortie (output/ par défaut)")
        subparsers[name].add_argument("--theme", metavar="DOSSIER", help="dossier du thème (theme/ par défaut)")
    for name in ("validate", "build", "serve", "new", "from-issue"):
        subparsers[name].add_argument("--content", metavar="DOSSIER", help="dossier du contenu (content/ par défaut)")
    subparsers["serve"].add_argument("--port", type=int, default=8000, help="port (8000 par défaut)")
    subparsers["serve"].add_argument("--bind", default="127.0.0.1", help="adresse d'écoute (127.0.0.1 par défaut)")
    subparsers["new"].add_argument("kind", choices=RECORD_KINDS, metavar="TYPE", help="actor, experience ou guide")
    subparsers["new"].add_argument("name", metavar="NOM", help="nom de l'acteur ou titre de la fiche")
    subparsers["schemas"].add_argument("--check", action="store_true", help="échouer si schemas/ n'est pas à jour")
    subparsers["from-issue"].add_argument("file", metavar="FICHIER", help="le texte de l'issue (Markdown)")
    subparsers["from-issue"].add_argument(
        "--report", metavar="FICHIER", help="écrire ici le compte rendu en Markdown (pour l'issue)"
    )
    subparsers["from-issue"].add_argument("--date", help="date de vérification à inscrire (AAAA-MM-JJ ; aujourd'hui par défaut)")
    subparsers["check-changes"].add_argument("--base", required=True, help="branche ou commit de référence (ex. origin/main)")
    subparsers["check-changes"].add_argument("--summary", metavar="FICHIER", help="écrire le résumé Markdown de la proposition")
    subparsers["check-changes"].add_argument(
        "--format", choices=["text", "github"], default="text", help="text ou github (annotations)"
    )
    subparsers["check-links"].add_argument("--timeout", type=float, default=15, help="délai d'attente par lien, en secondes")
    for name in ("check-links", "freshness"):
        subparsers[name].add_argument("--report", metavar="FICHIER", help="écrire le compte rendu en Markdown")
        subparsers[name].add_argument("--content", metavar="DOSSIER", help="dossier du contenu (content/ par défaut)")
    subparsers["freshness"].add_argument("--date", help="date du jour (AAAA-MM-JJ ; aujourd'hui par défaut)")
    subparsers["import-accompagnements"].add_argument("file", metavar="FICHIER", help="le fichier CSV publié par l'ANCT")
    subparsers["format"].add_argument("--check", action="store_true", help="échouer si une fiche n'est pas dans la forme commune")
    subparsers["format"].add_argument("--content", metavar="DOSSIER", help="dossier du contenu (content/ par défaut)")
    subparsers["couverture"].add_argument("--format", choices=["text", "csv"], default="text", help="text (par défaut) ou csv")
    subparsers["couverture"].add_argument("--content", metavar="DOSSIER", help="dossier du contenu (content/ par défaut)")
    subparsers["docs"].add_argument("--check", action="store_true", help="échouer si la documentation n'est pas à jour")
    return main


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # Messages are French: never crash on a terminal that announces ASCII only.
        if (stream.encoding or "").lower() in ("ascii", "ansi_x3.4-1968") and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ProjectError as error:
        print(f"✗ {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _print_problems(items: list[Problem], form: str) -> None:
    if form == "json":
        print(problems_module.to_json(items))
        return
    for problem in sorted(items):
        print(problem.format_github() if form == "github" else problem.format())
    sys.stdout.flush()  # keep the problems above the summary printed on stderr


def _under(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count < 2 else (plural or singular + 's')}"


# argparse words its messages through gettext; this is the French for the ones users can meet.
_ARGPARSE_FRENCH = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "expected one argument": "une valeur attendue",
    "invalid %(type)s value: %(value)r": "valeur %(value)r invalide (%(type)s attendu)",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix %(value)r invalide (possibles : %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
}
argparse._ = lambda text: _ARGPARSE_FRENCH.get(text, text)
