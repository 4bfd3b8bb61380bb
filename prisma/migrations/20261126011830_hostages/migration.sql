-- Hostages taken in an incident (GTD nhostkid), as an estimate linked to it.
ALTER TYPE "EstimateKind" ADD VALUE 'HOSTAGES';
