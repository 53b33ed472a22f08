-- AlterTable: when an alert's live event was published (null: stored but not yet sent live).
ALTER TABLE "alerts" ADD COLUMN "published_at" TIMESTAMP(3);
