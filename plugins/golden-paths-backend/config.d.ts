import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  goldenPaths?: {
    /**
     * Schedule of the drift scan (default every 15 minutes, first after one minute). The
     * templates and repositories it reads are goldenPaths.templateRoot, goldenPaths.publisher and
     * goldenPaths.repositoryRoot of the scaffolder module.
     */
    driftScan?: SchedulerServiceTaskScheduleDefinitionConfig;
  };
}
