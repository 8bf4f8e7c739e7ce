"""catalogue search: SQLite FTS5 table kept by triggers; PostgreSQL GIN text index

Revision ID: c4d2f8a1b3e5
Revises: b7c1e2d4a9f0
"""
from alembic import op

revision = "c4d2f8a1b3e5"
down_revision = "b7c1e2d4a9f0"
branch_labels = None
depends_on = None

# External content: the words live in the index only, the text stays in `procedures`. The
# folded search_text is what queries match; `name` (diacritics kept, stripped by the
# tokenizer) only tells whether the procedure's own name matches, for ranking.
SQLITE_UP = [
    "CREATE VIRTUAL TABLE procedures_fts USING fts5(search_text, name, content='procedures', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    """CREATE TRIGGER procedures_fts_insert AFTER INSERT ON procedures BEGIN
         INSERT INTO procedures_fts(rowid, search_text, name) VALUES (new.id, new.search_text, new.name); END""",
    """CREATE TRIGGER procedures_fts_delete AFTER DELETE ON procedures BEGIN
         INSERT INTO procedures_fts(procedures_fts, rowid, search_text, name)
         VALUES ('delete', old.id, old.search_text, old.name); END""",
    """CREATE TRIGGER procedures_fts_update AFTER UPDATE OF search_text, name ON procedures BEGIN
         INSERT INTO procedures_fts(procedures_fts, rowid, search_text, name)
         VALUES ('delete', old.id, old.search_text, old.name);
         INSERT INTO procedures_fts(rowid, search_text, name) VALUES (new.id, new.search_text, new.name); END""",
    "INSERT INTO procedures_fts(procedures_fts) VALUES ('rebuild')",  # the rows already there
]
SQLITE_DOWN = ["DROP TRIGGER procedures_fts_update", "DROP TRIGGER procedures_fts_delete",
               "DROP TRIGGER procedures_fts_insert", "DROP TABLE procedures_fts"]
# Punctuation becomes spaces, as in the query's words: "2.000635" is the words 2 and 000635.
# app/catalogue/search.py repeats this expression exactly, or the planner cannot use the index.
# Creating the index indexes the rows already there.
POSTGRES_UP = ["CREATE INDEX ix_procedures_search ON procedures USING gin "
               "(to_tsvector('simple'::regconfig, regexp_replace(search_text, '[^0-9a-z]+', ' ', 'g')))"]
POSTGRES_DOWN = ["DROP INDEX ix_procedures_search"]


def _run(statements):
    for statement in statements:
        op.execute(statement)


def upgrade():
    _run(SQLITE_UP if op.get_bind().dialect.name == "sqlite" else POSTGRES_UP)


def downgrade():
    _run(SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_DOWN)
