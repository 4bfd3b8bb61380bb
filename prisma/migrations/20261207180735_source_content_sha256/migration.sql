-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "contentSha256" TEXT;

