-- Trigram matching for account search (Chinese and Latin names, partial words).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
