"""What the assistant says: replies by key, rendered in the user's language.

Short texts come from the gettext catalogs in `locales/`, long texts from `knowledge/`.
The Rasa server renders them in-process through :class:`ric.replies.nlg.CatalogNLG`.
"""
