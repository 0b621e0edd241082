import { ReactNode, useState } from 'react';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  GoldenPathDrift,
  goldenPathUpgradePermission,
} from '@internal/plugin-golden-paths-common';
import { isNotFound } from '@internal/portal-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { goldenPathsApiRef } from '../../api';
import { UpgradeAnswers, UpgradeQuestions } from '../UpgradeQuestions';

/** Entity overview card: which template version the service is on, its drift, and the upgrade. */
export function GoldenPathCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(goldenPathsApiRef);
  const load = useAsyncRetry(() => api.getService(entityRef), [api, entityRef]);
  const [upgrade, startUpgrade] = useAsyncFn(
    (answers?: UpgradeAnswers) =>
      answers ? api.upgrade(entityRef, { answers }) : api.upgrade(entityRef),
    [api, entityRef],
  );
  // A version that asks new questions gets its form first; the button only opens it.
  const [asking, setAsking] = useState(false);
  const permission = usePermission({
    permission: goldenPathUpgradePermission,
    resourceRef: entityRef,
  });

  let body: ReactNode;
  if (load.loading) {
    body = <Progress />;
  } else if (isNotFound(load.error)) {
    body = (
      <EmptyState
        missing="data"
        title="Not created from a golden path"
        description="This entity has no recorded template version."
      />
    );
  } else if (load.error || !load.value) {
    body = <ResponseErrorPanel error={load.error ?? new Error('No answer')} />;
  } else {
    const drift = load.value;
    body = (
      <>
        <DriftSummary drift={drift} />
        {drift.behind > 0 && (
          <Box mt={2}>
            <Button
              variant="contained"
              color="primary"
              disabled={
                !permission.allowed ||
                upgrade.loading ||
                !!upgrade.value ||
                asking
              }
              onClick={() =>
                drift.newQuestions ? setAsking(true) : startUpgrade()
              }
              title={
                permission.allowed
                  ? undefined
                  : 'Only the owners of this service and admins may upgrade it'
              }
            >
              {upgrade.loading
                ? 'Starting…'
                : `Upgrade to ${drift.latestVersion}`}
            </Button>
          </Box>
        )}
        {asking && drift.newQuestions && !upgrade.value && (
          <UpgradeQuestions
            questions={drift.newQuestions}
            version={drift.latestVersion}
            disabled={upgrade.loading}
            onSubmit={answers => startUpgrade(answers)}
          />
        )}
        {upgrade.value && (
          <Box mt={1}>
            <Typography variant="body2">
              Upgrade started:{' '}
              <Link to={upgrade.value.taskUrl}>follow the task</Link>; it links
              the branch or pull request when done.
            </Typography>
          </Box>
        )}
        {upgrade.error && (
          <Box mt={1}>
            <ResponseErrorPanel
              title={`Upgrade failed: ${upgrade.error.message}`}
              error={upgrade.error}
            />
          </Box>
        )}
      </>
    );
  }
  return <InfoCard title="Golden path">{body}</InfoCard>;
}

function templateName(ref: string) {
  return ref.split('/').pop() ?? ref;
}

function FileList(props: { title: string; files: string[]; testId: string }) {
  if (props.files.length === 0) return null;
  return (
    <Box mt={1} data-testid={props.testId}>
      <Typography variant="subtitle2">{props.title}</Typography>
      {props.files.map(f => (
        <Typography key={f} variant="body2" component="div">
          <code>{f}</code>
        </Typography>
      ))}
    </Box>
  );
}

function DriftSummary({ drift }: { drift: GoldenPathDrift }) {
  if (drift.error) {
    return (
      <WarningPanel
        severity="warning"
        title={`${templateName(drift.template)} ${
          drift.recordedVersion
        }: not compared`}
        message={drift.error}
      />
    );
  }
  const current = drift.behind === 0;
  return (
    <>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="h6" component="span">
          {templateName(drift.template)} {drift.recordedVersion}
        </Typography>
        <Chip
          size="small"
          data-testid="golden-path-status"
          color={current ? 'primary' : 'secondary'}
          label={
            current
              ? 'current'
              : `behind by ${drift.behind} (latest ${drift.latestVersion})`
          }
        />
      </Box>
      <Typography variant="body2" color="textSecondary">
        {drift.changed.length === 0 && drift.missing.length === 0
          ? 'Every file is as the template renders it.'
          : `${drift.changed.length} changed, ${drift.missing.length} missing compared with the template's render.`}
      </Typography>
      <FileList
        title="Changed by the team"
        files={drift.changed}
        testId="changed-files"
      />
      <FileList title="Missing" files={drift.missing} testId="missing-files" />
    </>
  );
}
