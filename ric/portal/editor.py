"""Editor pages under /staff/editor: translation status, article editing with preview
(texts, example questions and synonyms, per language), revisions with diff and roll-back,
"try a question", and the queue of open questions.

The files in knowledge/ stay the one source of truth (docs/content.md): a save validates
the document with the same schema as the files, writes the file, and keeps the whole
document before and after as a revision. The content repository re-reads changed files,
so the assistant answers with the new text at once, without retraining.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import hashlib
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from aiohttp import web
from sqlalchemy.orm import Session

from ric.clock import local_day_start
from ric.content import changes, translations
from ric.content.articles import TEXT_FIELDS, needs_review, validate_article
from ric.content.flows import validate_flow
from ric.knowledge.search import ArticleSearch
from ric.languages import SOURCE_LANGUAGE, native_name
from ric.portal.keys import CONTENT, SESSIONS, SETTINGS
from ric.portal.staff import EDIT, back, form_of, gettext, render, require
from ric.portal.validation import N_, InvalidInput, page_number, parse_date, parse_id, parse_slug
from ric.privacy.redact import redact_text
from ric.store import knowledge, staff
from ric.store.db import read_scope, session_scope
from ric.store.errors import StoreError
from ric.store.models import CONDITIONS

routes = web.RouteTableDef()
SHOWN_FIELDS = (*TEXT_FIELDS, "more")  # a change here makes other languages outdated
EDIT_FIELDS = (*SHOWN_FIELDS, "examples")


def dump(data: Any) -> str:
    """YAML as the files are written: key order kept, Unicode as is, long lines."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def write_atomically(path: Path, text: str) -> None:
    """Writes a file so that a reader never sees half of it."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def changed_fields(old: Any, new: Any, languages: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The changed 'lang.field' paths, and the languages whose shown text changed."""
    old = old if isinstance(old, dict) else {}
    new = new if isinstance(new, dict) else {}
    changed, shown = [], []
    for lang in languages:
        before, after = old.get(lang) or {}, new.get(lang) or {}
        for field in EDIT_FIELDS:
            if before.get(field) != after.get(field):
                changed.append(f"{lang}.{field}")
                if field in SHOWN_FIELDS and lang not in shown:
                    shown.append(lang)
        if synonyms_of(old, lang) != synonyms_of(new, lang):
            changed.append(f"{lang}.synonyms")  # not shown text: no translation is outdated
    for key in sorted((set(old) | set(new)) - set(languages) - {"synonyms"}):
        if old.get(key) != new.get(key):
            changed.append(key)
    return changed, shown


def synonyms_of(data: Any, lang: str) -> list[Any]:
    """An article document's synonyms in one language, as written in the file."""
    synonyms = data.get("synonyms") if isinstance(data, dict) else None
    words = synonyms.get(lang) if isinstance(synonyms, dict) else None
    return list(words) if isinstance(words, list) else [] if words is None else [words]


def with_synonyms(data: dict[str, Any], lang: str, words: list[str]) -> dict[str, Any]:
    """The document with one language's synonyms replaced; an empty list removes them.

    A new `synonyms` mapping goes before the language blocks, where the files keep it.
    """
    old = data.get("synonyms")
    synonyms = dict(old) if isinstance(old, dict) else {}
    if words:
        synonyms[lang] = words
    else:
        synonyms.pop(lang, None)
    new: dict[str, Any] = {}
    for key, value in data.items():
        if key == "synonyms":
            continue
        if key == SOURCE_LANGUAGE and synonyms:
            new["synonyms"] = synonyms
        new[key] = value
    if synonyms and "synonyms" not in new:
        new["synonyms"] = synonyms
    return new


def translation_checked(form: Any, lang: str, old: Any, new: Any, kind: str) -> bool:
    """Whether a save marks the language's translation as made from today's Dutch text:
    its own shown text was changed, or the editor ticked "the translation matches"."""
    if lang == SOURCE_LANGUAGE:
        return False
    if form.get("checked") == "1":
        return True
    if kind == "flow":
        before = [texts.get(lang) for _, _, texts in translations.flow_texts(old)]
        after = [texts.get(lang) for _, _, texts in translations.flow_texts(new)]
        return before != after
    old_block, new_block = (old or {}).get(lang) or {}, (new or {}).get(lang) or {}
    return any(old_block.get(f) != new_block.get(f) for f in translations.ARTICLE_TEXT_FIELDS)


def article_path(request: web.Request, slug: str) -> Path:
    slug = parse_slug(slug)
    path = request.app[CONTENT].articles_dir() / f"{slug}.yml"
    if not path.exists():
        raise web.HTTPNotFound()
    return path


def save_document(
    db: Session,
    path: Path,
    *,
    kind: str,
    slug: str,
    old_text: str,
    new_data: Any,
    languages: tuple[str, ...],
    author: str,
    note: str | None = None,
) -> None:
    """Writes the new document to its file and records the revision (same transaction)."""
    new_text = dump(new_data)
    changed, shown = changed_fields(yaml.safe_load(old_text), new_data, languages)
    staff.record_revision(
        db,
        kind=kind,
        slug=slug,
        old_text=old_text,
        new_text=new_text,
        changed=changed,
        text_languages=shown,
        author=author,
        note=note,
    )
    staff.audit(db, author, f"edit_{kind}", slug)
    db.flush()
    write_atomically(path, new_text)


def save_and_show_history(
    request: web.Request,
    session: dict,
    form: Any,
    path: Path,
    kind: str,
    old_text: str,
    new: Any,
) -> None:
    """Saves an edited article or flow as a revision, then shows its history."""
    with session_scope(request.app[SESSIONS]) as db:
        save_document(
            db,
            path,
            kind=kind,
            slug=path.stem,
            old_text=old_text,
            new_data=new,
            languages=request.app[SETTINGS].languages,
            author=session["sub"],
            note=str(form.get("note", ""))[:255] or None,
        )
    raise back(f"/staff/editor/{kind}s/{path.stem}/history")


# --- list with translation status -------------------------------------------------------
@routes.get("/staff/editor")
async def editor_home(request: web.Request) -> web.Response:
    """Articles and flows with their translation status per language."""
    require(request, EDIT)
    content = request.app[CONTENT]
    languages = request.app[SETTINGS].languages
    articles = []
    today = dt.date.today()
    for path in sorted(content.articles_dir().glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        articles.append(
            {
                "slug": path.stem,
                "title": (data.get(SOURCE_LANGUAGE) or {}).get("title", path.stem),
                "condition": data.get("condition", ""),
                "status": {lang: translations.status(data, "article", lang) for lang in languages},
                "valid": not validate_article(data, languages, name=path.stem),
                "review": needs_review(data.get("last_checked"), today),
                "last_checked": str(data.get("last_checked") or ""),
            }
        )
    flows = []
    for condition in CONDITIONS:
        path = content.flow_path(condition)
        if not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        flows.append(
            {
                "slug": condition,
                "status": {lang: translations.status(data, "flow", lang) for lang in languages},
                "valid": not validate_flow(data, languages, name=condition),
            }
        )
    return render(
        request,
        "staff/editor.html",
        articles=articles,
        review_count=sum(a["review"] for a in articles),
        outdated_count={
            lang: sum(item["status"][lang] == "outdated" for item in (*articles, *flows))
            for lang in languages
        },
        flows=flows,
        languages=languages,
        language_names={lang: native_name(lang) for lang in languages},
    )


# --- edit an article in one language ----------------------------------------------------
def _block_from_form(form: Any) -> dict[str, Any]:
    block: dict[str, Any] = {}
    for field in TEXT_FIELDS:
        block[field] = str(form.get(field, "")).replace("\r\n", "\n").strip()
    more = str(form.get("more", "")).replace("\r\n", "\n").strip()
    if more:
        block["more"] = more
    block["examples"] = _lines(form, "examples")
    return block


def _lines(form: Any, field: str) -> list[str]:
    return [line.strip() for line in str(form.get(field, "")).splitlines() if line.strip()]


def _language(request: web.Request) -> str:
    lang = request.match_info["lang"]
    if lang not in request.app[SETTINGS].languages:
        raise web.HTTPNotFound()
    return lang


@routes.get("/staff/editor/articles/{slug}/{lang:[a-z]{2}}")
async def edit_article(request: web.Request) -> web.Response:
    """The form for one article in one language, with the Dutch text beside it."""
    require(request, EDIT)
    path, lang = article_path(request, request.match_info["slug"]), _language(request)
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    block = data.get(lang) or {}
    return render(
        request,
        "staff/article_edit.html",
        slug=path.stem,
        edit_lang=lang,
        block=block,
        source=data.get(SOURCE_LANGUAGE) or {},
        synonyms=synonyms_of(data, lang),
        source_synonyms=synonyms_of(data, SOURCE_LANGUAGE),
        base=fingerprint(text),
        problems=[],
        preview=None,
        languages=request.app[SETTINGS].languages,
    )


@routes.post("/staff/editor/articles/{slug}/{lang:[a-z]{2}}")
async def save_article(request: web.Request) -> web.Response:
    """Previews or saves one language of an article; invalid documents are not saved."""
    session, form = await form_of(request, EDIT)
    path, lang = article_path(request, request.match_info["slug"]), _language(request)
    languages = request.app[SETTINGS].languages
    _ = gettext(request)
    old_text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(old_text) or {}
    new = dict(data)
    block = _block_from_form(form)
    new[lang] = block
    if lang in (new.get("pending") or []):
        new["pending"] = [p for p in new["pending"] if p != lang]
    if "synonyms" in form:
        new = with_synonyms(new, lang, _lines(form, "synonyms"))
    if translation_checked(form, lang, data, new, "article"):
        new = translations.stamped(new, "article", [lang])
    problems = validate_article(new, languages, name=path.stem)
    if form.get("base") != fingerprint(old_text):
        problems.insert(
            0, _("Iemand anders heeft deze tekst net veranderd. Laad de pagina opnieuw.")
        )
    if problems or form.get("action") != "save":
        return render(
            request,
            "staff/article_edit.html",
            slug=path.stem,
            edit_lang=lang,
            block=block,
            source=data.get(SOURCE_LANGUAGE) or {},
            synonyms=synonyms_of(new, lang),
            source_synonyms=synonyms_of(data, SOURCE_LANGUAGE),
            base=str(form.get("base", "")),
            problems=problems,
            preview=block,
            languages=languages,
        )
    save_and_show_history(request, session, form, path, "article", old_text, new)


# --- history, diff and roll-back --------------------------------------------------------
def _diff(old: str, new: str) -> list[tuple[str, str]]:
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), "voor", "na", lineterm="", n=1)
    return [
        ("add" if line.startswith("+") else "del" if line.startswith("-") else "", line)
        for line in lines
    ]


def field_labels(request: web.Request) -> dict[str, str]:
    """The plain-Dutch names of an article's fields, as the edit form shows them."""
    _ = gettext(request)
    return {
        "title": _("Titel"),
        "answer": _("Antwoord"),
        "easy": _("Makkelijke tekst"),
        "more": _("Meer uitleg"),
        "examples": _("Voorbeeldvragen"),
        "synonyms": _("Synoniemen en afkortingen"),
        "sources": _("Bronnen"),
        "related": _("Verwante artikelen"),
        "condition": _("Voorwaarde"),
        "last_checked": _("Laatst gecontroleerd"),
        "pending": _("Vertaling nog niet klaar"),
        "offer": _("Aanbod na het antwoord"),
        "steps": _("Stappen (volgorde of knoppen)"),
    }


def revision_changes(kind: str, old_text: str, new_text: str, languages: tuple[str, ...]):
    """The field changes between two versions of a file (none when one is not YAML)."""
    try:
        old, new = yaml.safe_load(old_text), yaml.safe_load(new_text)
    except yaml.YAMLError:
        return []
    compare = changes.article_changes if kind == "article" else changes.flow_changes
    return compare(old, new, languages)


def history_page(request: web.Request, kind: str, slug: str) -> web.Response:
    """Every revision, newest first: what changed per field in words, and a roll-back."""
    languages = request.app[SETTINGS].languages
    with read_scope(request.app[SESSIONS]) as db:
        rows = [
            (
                r,
                revision_changes(kind, r.old_text, r.new_text, languages),
                _diff(r.old_text, r.new_text),
            )
            for r in staff.revisions(db, kind, slug)
        ]
    return render(
        request, "staff/history.html", slug=slug, rows=rows, field_labels=field_labels(request)
    )


@routes.get("/staff/editor/articles/{slug}/history")
async def article_history(request: web.Request) -> web.Response:
    """Every revision of an article, newest first, with its changes and a roll-back button."""
    require(request, EDIT)
    return history_page(request, "article", article_path(request, request.match_info["slug"]).stem)


def _rollback_target(request: web.Request, db: Session) -> tuple[Any, Path, Any]:
    """The revision of the URL, its file and the validator of its kind; else 404."""
    try:
        revision = staff.get_revision(db, parse_id(request.match_info["revision_id"]))
    except StoreError:
        raise web.HTTPNotFound() from None
    if revision.kind == "article":
        return revision, article_path(request, revision.slug), validate_article
    if revision.kind == "flow":
        return revision, flow_path(request, revision.slug), validate_flow
    raise web.HTTPNotFound()


def _rollback_page(
    request: web.Request, db: Session, revision: Any, path: Path, validate: Any, **extra: Any
) -> web.Response:
    """The confirmation step: what the file becomes, and the later revisions it undoes."""
    _ = gettext(request)
    current = path.read_text(encoding="utf-8")
    try:
        old_data = yaml.safe_load(revision.old_text)
    except yaml.YAMLError:
        old_data = None
    problems = (
        validate(old_data, request.app[SETTINGS].languages, name=revision.slug)
        if old_data is not None
        else [_("Deze versie is geen geldige tekst.")]
    )
    later = [r for r in staff.revisions(db, revision.kind, revision.slug) if r.id > revision.id]
    diff = _diff(current, dump(old_data)) if not problems else []
    languages = request.app[SETTINGS].languages
    return render(
        request,
        "staff/rollback.html",
        revision=revision,
        changes=revision_changes(revision.kind, current, dump(old_data), languages)
        if not problems
        else [],
        field_labels=field_labels(request),
        history=f"/staff/editor/{revision.kind}s/{revision.slug}/history",
        diff=diff,
        later=len(later),
        problems=problems,
        base=fingerprint(current),
        **extra,
    )


@routes.get("/staff/editor/revisions/{revision_id:\\d+}/rollback")
async def rollback_page(request: web.Request) -> web.Response:
    """Asks before a roll-back, showing what will change (works without JavaScript)."""
    require(request, EDIT)
    with read_scope(request.app[SESSIONS]) as db:
        revision, path, validate = _rollback_target(request, db)
        return _rollback_page(request, db, revision, path, validate, changed=False)


@routes.post("/staff/editor/revisions/{revision_id:\\d+}/rollback")
async def rollback(request: web.Request) -> web.Response:
    """Undoes one revision once confirmed (confirm=1): the document before it is written
    back, as a new revision. Unconfirmed, or the file changed since the page: asks again."""
    session, form = await form_of(request, EDIT)
    languages = request.app[SETTINGS].languages
    with session_scope(request.app[SESSIONS]) as db:
        revision, path, validate = _rollback_target(request, db)
        if form.get("confirm") != "1":
            raise web.HTTPSeeOther(f"/staff/editor/revisions/{revision.id}/rollback")
        old_text = path.read_text(encoding="utf-8")
        base = form.get("base")  # sent by the confirmation page
        if base and base != fingerprint(old_text):
            return _rollback_page(request, db, revision, path, validate, changed=True)
        history = f"/staff/editor/{revision.kind}s/{revision.slug}/history"
        try:
            old_data = yaml.safe_load(revision.old_text)
        except yaml.YAMLError:
            raise back(history, "invalid") from None
        if validate(old_data, languages, name=revision.slug):
            raise back(history, "invalid")
        save_document(
            db,
            path,
            kind=revision.kind,
            slug=revision.slug,
            old_text=old_text,
            new_data=old_data,
            languages=languages,
            author=session["sub"],
            note=f"roll-back #{revision.id}",
        )
    raise back(history)


# --- try a question ---------------------------------------------------------------------
@routes.get("/staff/editor/try")
async def try_question(request: web.Request) -> web.Response:
    """Shows which articles the assistant would answer a question with, and how sure it is."""
    require(request, EDIT)
    settings = request.app[SETTINGS]
    content = request.app[CONTENT]
    question = request.query.get("q", "")[:500]
    lang = request.query.get("lang", SOURCE_LANGUAGE)
    if lang not in settings.languages:
        lang = SOURCE_LANGUAGE
    hits = []
    if question.strip():
        articles = content.articles()
        found = ArticleSearch().search(articles, content.signature(), question, lang, limit=5)
        hits = [(hit, articles[hit.slug].text(lang).title) for hit in found]
    return render(
        request,
        "staff/try.html",
        question=question,
        qlang=lang,
        hits=hits,
        min_score=settings.ric_knowledge_min_score,
        languages=settings.languages,
    )


# --- queue of open questions and 'did not help' feedback --------------------------------
QUEUE_KINDS = ("all", "question", "feedback")


def queue_filter(request: web.Request) -> dict[str, Any]:
    """The queue's filters from the query string: language, kind and first day (local).
    A wrong value is a clear 400 (validation.InvalidInput), never a 500."""
    query = request.rel_url.query
    lang = query.get("lang", "")
    if lang and lang not in request.app[SETTINGS].languages:
        raise InvalidInput(N_("Kies een taal uit de lijst."))
    kind = query.get("kind", "all") or "all"
    if kind not in QUEUE_KINDS:
        raise InvalidInput(N_("Kies een soort uit de lijst."))
    since = parse_date(query.get("since"))
    return {"lang": lang, "kind": kind, "since": since}


@routes.get("/staff/editor/queue")
async def queue(request: web.Request) -> web.Response:
    """Unanswered questions and 'did not help' feedback, to link to an article or dismiss;
    filtered by language, kind and date, a page at a time.

    Shown without who asked, with personal numbers redacted (also in entries stored
    before redaction existed); every view is in the audit log (docs/privacy.md).
    """
    session = require(request, EDIT)
    settings = request.app[SETTINGS]
    page, size = page_number(request), settings.ric_page_size
    chosen = queue_filter(request)
    since = local_day_start(chosen["since"], settings.ric_timezone) if chosen["since"] else None
    window = {
        "limit": size + 1,
        "offset": (page - 1) * size,
        "lang": chosen["lang"] or None,
        "since": since,
    }
    with read_scope(request.app[SESSIONS]) as db:
        questions = knowledge.open_unanswered(db, **window) if chosen["kind"] != "feedback" else []
        feedback = staff.open_unhelpful(db, **window) if chosen["kind"] != "question" else []
    with session_scope(request.app[SESSIONS]) as db:
        staff.audit(db, session["sub"], "view_queue", f"page {page}")
    slugs = sorted(p.stem for p in request.app[CONTENT].articles_dir().glob("*.yml"))
    filters = {k: str(v) for k, v in chosen.items() if v and v != "all"}
    return render(
        request,
        "staff/queue.html",
        redact=redact_text,
        questions=questions[:size],
        feedback=feedback[:size],
        slugs=slugs,
        page=page,
        has_next=len(questions) > size or len(feedback) > size,
        base="/staff/editor/queue?" + "".join(f"{k}={quote(v)}&" for k, v in filters.items()),
        chosen=chosen,
        languages=settings.languages,
        language_names={lang: native_name(lang) for lang in settings.languages},
        dismissed=int(found)
        if (found := request.rel_url.query.get("dismissed", "")).isdigit()
        else 0,
    )


@routes.post("/staff/editor/queue/dismiss")
async def dismiss_many(request: web.Request) -> web.Response:
    """'Geen vraag': dismisses the ticked questions at once (greetings, typos, junk)."""
    session, form = await form_of(request, EDIT)
    ids = [parse_id(value) for value in form.getall("ids", [])]
    with session_scope(request.app[SESSIONS]) as db:
        count = knowledge.dismiss_unanswered(db, ids) if ids else 0
        staff.audit(db, session["sub"], "queue_dismiss", f"{count} of {len(ids)}")
    raise web.HTTPSeeOther(f"/staff/editor/queue?dismissed={count}")


def add_example(
    request: web.Request, db: Session, slug: str, question: str, lang: str, author: str
) -> bool:
    """Adds a question to an article's examples (its language, else Dutch) as a revision."""
    path = article_path(request, slug)
    languages = request.app[SETTINGS].languages
    old_text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(old_text) or {}
    target = lang if isinstance(data.get(lang), dict) else SOURCE_LANGUAGE
    new = dict(data)
    block = dict(new[target])
    examples = list(block.get("examples") or [])
    if question.strip() and question.strip() not in examples:
        examples.append(question.strip())
    block["examples"] = examples
    new[target] = block
    if validate_article(new, languages, name=slug):
        return False
    save_document(
        db,
        path,
        kind="article",
        slug=slug,
        old_text=old_text,
        new_data=new,
        languages=languages,
        author=author,
        note="example from the queue",
    )
    return True


@routes.post("/staff/editor/queue/{kind:question|feedback}/{item_id:\\d+}")
async def resolve(request: web.Request) -> web.Response:
    """Links a queued question to an article (adding it as an example) or dismisses it."""
    session, form = await form_of(request, EDIT)
    item_id = parse_id(request.match_info["item_id"])
    slug = str(form.get("slug", "")) if form.get("action") == "link" else ""
    with session_scope(request.app[SESSIONS]) as db:
        try:
            if request.match_info["kind"] == "question":
                row = knowledge.resolve_unanswered(db, item_id, linked_slug=slug or None)
                question, lang = redact_text(row.text), row.language
            else:
                row = staff.resolve_feedback(db, item_id, linked=bool(slug))
                question, lang = redact_text(row.question or ""), row.language
        except StoreError:
            raise back("/staff/editor/queue", "not_found") from None
        if slug and question and not add_example(request, db, slug, question, lang, session["sub"]):
            db.rollback()
            raise back("/staff/editor/queue", "invalid")
        staff.audit(db, session["sub"], f"queue_{request.match_info['kind']}", str(item_id))
    raise back("/staff/editor/queue")


# --- flow texts -------------------------------------------------------------------------
def flow_path(request: web.Request, condition: str) -> Path:
    if condition not in CONDITIONS:
        raise web.HTTPNotFound()
    path = request.app[CONTENT].flow_path(condition)
    if not path.exists():
        raise web.HTTPNotFound()
    return path


def _set_text(data: Any, field: str, lang: str, value: str) -> None:
    target = data
    for part in field.split("."):
        target = target[int(part)] if part.isdigit() else target[part]
    if value:
        target[lang] = value
    else:
        target.pop(lang, None)


def _flow_form(request: web.Request, condition: str, lang: str, data: Any, **extra: Any):
    return render(
        request,
        "staff/flow_edit.html",
        condition=condition,
        edit_lang=lang,
        fields=translations.flow_texts(data),
        languages=request.app[SETTINGS].languages,
        **extra,
    )


@routes.get("/staff/editor/flows/{condition}/{lang:[a-z]{2}}")
async def edit_flow(request: web.Request) -> web.Response:
    """Every text of a flow in one language, with the Dutch text beside it."""
    require(request, EDIT)
    path, lang = flow_path(request, request.match_info["condition"]), _language(request)
    text = path.read_text(encoding="utf-8")
    return _flow_form(
        request,
        path.stem,
        lang,
        yaml.safe_load(text) or {},
        base=fingerprint(text),
        problems=[],
        preview=None,
    )


@routes.post("/staff/editor/flows/{condition}/{lang:[a-z]{2}}")
async def save_flow(request: web.Request) -> web.Response:
    """Previews or saves the texts of a flow in one language; invalid flows are not saved."""
    session, form = await form_of(request, EDIT)
    path, lang = flow_path(request, request.match_info["condition"]), _language(request)
    languages = request.app[SETTINGS].languages
    _ = gettext(request)
    old_text = path.read_text(encoding="utf-8")
    old = yaml.safe_load(old_text) or {}
    new = copy.deepcopy(old)
    for field, _label, _texts in translations.flow_texts(old):
        if field in form:
            _set_text(new, field, lang, str(form[field]).strip())
    if translation_checked(form, lang, old, new, "flow"):
        new = translations.stamped(new, "flow", [lang])
    problems = validate_flow(new, languages, name=path.stem)
    if form.get("base") != fingerprint(old_text):
        problems.insert(
            0, _("Iemand anders heeft deze tekst net veranderd. Laad de pagina opnieuw.")
        )
    if problems or form.get("action") != "save":
        preview = [
            texts.get(lang, "")
            for field, _l, texts in translations.flow_texts(new)
            if field.endswith(".text")
        ]
        return _flow_form(
            request,
            path.stem,
            lang,
            new,
            base=str(form.get("base", "")),
            problems=problems,
            preview=preview,
        )
    save_and_show_history(request, session, form, path, "flow", old_text, new)


@routes.get("/staff/editor/flows/{condition}/history")
async def flow_history(request: web.Request) -> web.Response:
    """Every revision of a flow, newest first, with its changes and a roll-back button."""
    require(request, EDIT)
    return history_page(request, "flow", flow_path(request, request.match_info["condition"]).stem)
