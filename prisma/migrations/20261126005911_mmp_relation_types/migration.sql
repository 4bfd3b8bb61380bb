-- Mapping Militants relationship types (merger, split, alliance); PostgreSQL 12+ adds several values in one transaction.
ALTER TYPE "RelationType" ADD VALUE 'MERGED_WITH';
ALTER TYPE "RelationType" ADD VALUE 'SPLIT_FROM';
ALTER TYPE "RelationType" ADD VALUE 'ALLIED_WITH';
