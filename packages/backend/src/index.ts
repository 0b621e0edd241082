import { createBackend } from '@backstage/backend-defaults';
import {
  catalogModuleExternalRouteGuard,
  catalogModulePortalTrust,
  doraModuleExternalRouteGuard,
  kubernetesModulePortalProxyGuard,
  scorecardModuleExternalRouteGuard,
  sloModuleExternalRouteGuard,
} from '@internal/plugin-permission-backend-module-portal-policy';

// The backend host only registers plugins and modules; behaviour lives in the plugins.
const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
// Guest sign-in: the provider refuses to run outside development unless explicitly allowed.
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-oidc-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Users, groups, templates, locations and clusters only from the configured catalog locations.
backend.add(catalogModulePortalTrust);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
// Golden paths: publish to a git repository on disk, register it, apply manifests to a cluster.
backend.add(import('@internal/plugin-scaffolder-backend-module-golden-paths'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@internal/plugin-permission-backend-module-portal-policy'));
// Static tokens (CI) reach only the routes permission.portal.externalRoutes lists for them.
backend.add(catalogModuleExternalRouteGuard);
backend.add(doraModuleExternalRouteGuard);
backend.add(sloModuleExternalRouteGuard);
backend.add(scorecardModuleExternalRouteGuard);

backend.add(import('@backstage/plugin-search-backend'));
// Postgres engine when the database is Postgres, in-memory otherwise (dev on SQLite).
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-kubernetes-backend'));
// Proxy requests decided one by one: owners read their namespace, admins do the rest.
backend.add(kubernetesModulePortalProxyGuard);
// Golden-path conformance of the workloads the kubernetes backend finds for each entity.
backend.add(import('@internal/plugin-conformance-backend'));
// SLOs from specs in Git, error budgets, burn-rate alerts and the deploy gate.
backend.add(import('@internal/plugin-slo-backend'));
// DORA events (deployments, changes, incidents) and the five keys.
backend.add(import('@internal/plugin-dora-backend'));
// Golden paths that stay golden: drift from the recorded template version, upgrades.
backend.add(import('@internal/plugin-golden-paths-backend'));
// Definition of Done scorecards from the catalog, conformance, SLO, DORA and CI results.
backend.add(import('@internal/plugin-scorecard-backend'));
// The monthly engineering review: DORA, SLO and conformance per team for a month, frozen at its end.
backend.add(import('@internal/plugin-review-backend'));

backend.add(import('@backstage/plugin-user-settings-backend'));
// Signals push live updates (user settings, notifications) to open browser tabs.
backend.add(import('@backstage/plugin-signals-backend'));
// In-app notifications (the scorecard tells owners of regressions and campaign deadlines).
backend.add(import('@backstage/plugin-notifications-backend'));
// The event bus: catalog refresh events now, signed webhooks (GitHub) later.
backend.add(import('@backstage/plugin-events-backend'));

backend.start();
