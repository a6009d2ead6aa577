/**
 * The review view (`#/review`): the review timeline (ReviewWorkspace.tsx) of a session, a station's
 * range, or — without either — the selected station following live, like the Live page.
 */
import { ReviewWorkspace } from './ReviewWorkspace.tsx';
import { useReviewTarget } from './use-review-target.ts';

export function ReviewPage() {
  return <ReviewWorkspace target={useReviewTarget()} mode="review" />;
}
