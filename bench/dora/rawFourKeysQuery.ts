/**
 * The straightforward comparison: the org-wide keys straight from the raw event tables, the way
 * Four Keys (BigQuery views over deployments × changes × incidents) and DevLake (SQL over
 * cicd_deployment_commits, commits_diffs and issues) compute them: join every deployment to the
 * commits it delivers (walking the parent edges from its head) and their changes, window functions for "next deployment", medians with percentile_disc, every request.
 */
export const rawFourKeysQuery = `
WITH RECURSIVE prod AS (
  SELECT d.*,
    lead(type) OVER w AS next_type,
    (SELECT min(n.finished_at) FROM deployments n
      WHERE n.entity_ref = d.entity_ref AND n.environment = 'production' AND n.status = 'success'
        AND (n.finished_at, n.id) > (d.finished_at, d.id)) AS next_success
  FROM deployments d
  WHERE d.environment = 'production' AND d.status IN ('success', 'failure', 'rolled_back')
  WINDOW w AS (PARTITION BY entity_ref ORDER BY finished_at, id COLLATE "C")
),
in_window AS (
  SELECT p.*,
    (status <> 'success' OR next_type = 'rollback'
      OR EXISTS (SELECT 1 FROM incident_links l WHERE l.deployment_id = p.id)) AS failed,
    (type = 'hotfix' OR EXISTS (
      SELECT 1 FROM incidents i WHERE i.entity_ref = p.entity_ref AND i.resolved_at IS NOT NULL
        AND p.status = 'success' AND p.finished_at BETWEEN i.opened_at AND i.resolved_at)) AS rework
  FROM prod p WHERE finished_at >= :from AND finished_at < :to
),
-- Deployments name their head commit; like DevLake's commits_diffs, a successful deployment of
-- the window delivers the commits from its head down to (excluding) the head of an earlier
-- successful deployment of the same service.
succ_head AS (
  SELECT dc.sha, d.entity_ref, d.finished_at
  FROM deployments d JOIN deployment_commits dc ON dc.deployment_id = d.id
  WHERE d.environment = 'production' AND d.status = 'success'
),
delivered (sha, entity_ref, deployed_at) AS (
  SELECT h.sha, h.entity_ref, h.finished_at FROM succ_head h
  WHERE h.finished_at >= :from AND h.finished_at < :to
    AND NOT EXISTS (SELECT 1 FROM succ_head e
      WHERE e.sha = h.sha AND e.entity_ref = h.entity_ref AND e.finished_at < h.finished_at)
  UNION ALL
  SELECT p.parent_sha, w.entity_ref, w.deployed_at
  FROM delivered w JOIN change_parents p ON p.sha = w.sha
  WHERE NOT EXISTS (
    SELECT 1 FROM deployment_commits dc JOIN deployments d ON d.id = dc.deployment_id
    WHERE dc.sha = p.parent_sha AND d.entity_ref = w.entity_ref
      AND d.environment = 'production' AND d.status = 'success' AND d.finished_at < w.deployed_at)
),
first_deploy AS (
  SELECT c.sha, w.entity_ref, min(w.deployed_at) AS deployed_at, min(c.committed_at) AS committed_at
  FROM delivered w JOIN changes c ON c.sha = w.sha
  WHERE w.deployed_at >= c.committed_at
  GROUP BY c.sha, w.entity_ref
),
recovery AS (
  SELECT w.id, least(w.next_success, (
    SELECT min(i.resolved_at) FROM incident_links l JOIN incidents i ON i.id = l.incident_id
    WHERE l.deployment_id = w.id AND i.resolved_at >= w.finished_at)) - w.finished_at AS took
  FROM in_window w WHERE w.failed
)
SELECT
  (SELECT count(*) FROM in_window WHERE status = 'success') / 90.0 AS deployments_per_day,
  (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY deployed_at - committed_at)
     FROM first_deploy WHERE deployed_at >= :from AND deployed_at < :to) AS lead_time_median,
  (SELECT avg(failed::int) FROM in_window) AS change_failure_rate,
  (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY took) FROM recovery
     WHERE took IS NOT NULL) AS recovery_median,
  (SELECT avg(rework::int) FROM in_window) AS rework_rate
`;
