import {
  Content,
  EmptyState,
  ErrorPanel,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
} from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { findCheck } from '@internal/plugin-scorecard-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { usePermission } from '@backstage/plugin-permission-react';
import { scorecardCampaignManagePermission } from '@internal/plugin-scorecard-common';
import Button from '@material-ui/core/Button';
import { useSearchParams } from 'react-router-dom';
import { useCampaign, useCampaigns } from '../../hooks';
import { BurnUpChart } from '../BurnUpChart';
import { CampaignForm } from '../CampaignForm';

function entityPath(ref: string) {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}`;
}

function scopeText(scope: { owner?: string; system?: string; tag?: string }) {
  const parts = [
    scope.owner && `owner ${scope.owner}`,
    scope.system && `system ${scope.system}`,
    scope.tag && `tag ${scope.tag}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'every entity';
}

/** One campaign (`?id=` in the URL, so a link reproduces it): burn-up and the entities left. */
function CampaignDetail(props: { id: number }) {
  const { value, loading, error } = useCampaign(props.id);
  if (loading) return <Progress />;
  if (error) {
    return <ErrorPanel title="Campaign could not be loaded" error={error} />;
  }
  if (!value) return null;
  const { campaign, burnUp, entitiesLeft } = value;
  return (
    <>
      <InfoCard
        title={campaign.title}
        subheader={`Due ${campaign.deadline} · ${scopeText(
          campaign.scope,
        )} · ${campaign.checkIds
          .map(id => findCheck(id)?.title ?? id)
          .join(', ')}`}
      >
        <BurnUpChart points={burnUp} />
      </InfoCard>
      <InfoCard title={`Entities left (${entitiesLeft.length})`}>
        {entitiesLeft.length === 0 ? (
          <Typography>Every entity in scope passes.</Typography>
        ) : (
          <List dense aria-label="entities left">
            {entitiesLeft.map(e => (
              <ListItem key={e.entityRef} disableGutters>
                <ListItemText
                  primary={
                    <Link to={entityPath(e.entityRef)}>
                      {e.title ?? e.entityRef}
                    </Link>
                  }
                  secondary={`${e.owner ?? 'no owner'} · left: ${e.checkIds
                    .map(id => findCheck(id)?.title ?? id)
                    .join(', ')}`}
                />
              </ListItem>
            ))}
          </List>
        )}
      </InfoCard>
    </>
  );
}

/**
 * "New campaign" for those the policy lets create one: the same permission the backend checks on
 * POST /campaigns, so a reader never sees a form that would only answer 403.
 */
function NewCampaign(props: { onCreated: (id: number) => void }) {
  const { allowed } = usePermission({
    permission: scorecardCampaignManagePermission,
  });
  const [open, setOpen] = useState(false);
  if (!allowed) return null;
  if (!open) {
    return (
      <Button variant="contained" color="primary" onClick={() => setOpen(true)}>
        New campaign
      </Button>
    );
  }
  return (
    <InfoCard title="New campaign">
      <CampaignForm
        onCreated={c => props.onCreated(c.id)}
        onCancel={() => setOpen(false)}
      />
    </InfoCard>
  );
}

function CampaignList() {
  const { value, loading, error } = useCampaigns();
  if (loading) return <Progress />;
  if (error) {
    return <ErrorPanel title="Campaigns could not be loaded" error={error} />;
  }
  if (!value || value.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No campaigns"
        description="Admins create campaigns here or with POST /api/scorecard/campaigns."
      />
    );
  }
  return (
    <List aria-label="campaigns">
      {value.map(({ campaign, passing, total }) => (
        <ListItem key={campaign.id} disableGutters>
          <ListItemText
            primary={<Link to={`?id=${campaign.id}`}>{campaign.title}</Link>}
            secondary={`${passing} of ${total} passing · due ${
              campaign.deadline
            } · ${scopeText(campaign.scope)}`}
          />
        </ListItem>
      ))}
    </List>
  );
}

/** /scorecard-campaigns: every campaign, or one with `?id=`. */
export function CampaignPage() {
  const [params, setParams] = useSearchParams();
  const id = Number(params.get('id'));
  return (
    <Page themeId="tool">
      <Header title="Campaigns" subtitle="Check sets with a deadline" />
      <Content>
        {Number.isInteger(id) && id > 0 ? (
          <CampaignDetail id={id} />
        ) : (
          <>
            <NewCampaign
              onCreated={created => setParams({ id: String(created) })}
            />
            <CampaignList />
          </>
        )}
      </Content>
    </Page>
  );
}
