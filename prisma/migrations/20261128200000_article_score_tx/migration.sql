-- AlterTable: the id of the transaction that inserted each score. A worker that keeps a target's
-- window in memory catches up with `tx >= <oldest transaction still running when it last read>`,
-- which cannot miss a row whose transaction committed out of id order.
ALTER TABLE "article_scores" ADD COLUMN "tx" BIGINT NOT NULL DEFAULT ((pg_current_xact_id())::text)::bigint;

-- CreateIndex
CREATE INDEX "article_scores_target_type_target_tx_idx" ON "article_scores"("target_type", "target", "tx");
