import { FormEvent, useState } from 'react';
import { ErrorPanel, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { LEVEL_ORDER } from '@internal/plugin-scorecard-common';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { Campaign, CampaignInput, scorecardApiRef } from '../../api';

export interface CampaignFormProps {
  onCreated: (campaign: Campaign) => void;
  onCancel: () => void;
}

/** The backend's message, which names the field ("deadline: must not be in the past"). */
function messageOf(e: unknown): string {
  if (e instanceof ResponseError) return e.body.error.message;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Creates a campaign: a title, checks chosen from the configured ones, a deadline and a scope.
 * Input is judged by the backend alone (its messages name the field), so the form and the API
 * cannot disagree about what a valid campaign is.
 */
export function CampaignForm(props: CampaignFormProps) {
  const api = useApi(scorecardApiRef);
  const checks = useAsync(() => api.getChecks(), [api]);
  const [title, setTitle] = useState('');
  const [checkIds, setCheckIds] = useState<string[]>([]);
  const [deadline, setDeadline] = useState('');
  const [scope, setScope] = useState({ owner: '', system: '', tag: '' });
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();

  if (checks.loading) return <Progress />;
  if (checks.error) {
    return (
      <ErrorPanel title="Checks could not be loaded" error={checks.error} />
    );
  }

  const toggle = (id: string) =>
    setCheckIds(ids =>
      ids.includes(id) ? ids.filter(i => i !== id) : [...ids, id],
    );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitting(true);
    setError(undefined);
    const input: CampaignInput = { title, checkIds, deadline };
    // Empty scope fields are left out: the API rejects empty strings, and none given is everyone.
    const given = Object.fromEntries(
      Object.entries(scope)
        .map(([k, v]) => [k, v.trim()])
        .filter(([, v]) => v),
    );
    if (Object.keys(given).length > 0) input.scope = given;
    try {
      props.onCreated(await api.createCampaign(input));
    } catch (err) {
      setError(messageOf(err));
      setSubmitting(false);
    }
  };

  // Checks in level order, so a campaign for "everything Silver needs" is one block of boxes.
  const groups = [...LEVEL_ORDER, undefined].map(level => ({
    level,
    items: (checks.value ?? []).filter(c => c.level === level),
  }));

  return (
    <form aria-label="new campaign" onSubmit={submit}>
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <TextField
            id="campaign-title"
            label="Title"
            value={title}
            onChange={e => setTitle(e.target.value)}
            fullWidth
            variant="outlined"
            size="small"
          />
        </Grid>
        <Grid item xs={12}>
          <FormControl component="fieldset">
            <FormLabel component="legend">Checks</FormLabel>
            {groups
              .filter(g => g.items.length > 0)
              .map(g => (
                <div key={g.level ?? 'other'}>
                  <Typography variant="overline">
                    {g.level ?? 'in no level'}
                  </Typography>
                  <FormGroup row>
                    {g.items.map(c => (
                      <FormControlLabel
                        key={c.id}
                        control={
                          <Checkbox
                            checked={checkIds.includes(c.id)}
                            onChange={() => toggle(c.id)}
                            size="small"
                          />
                        }
                        label={c.title}
                      />
                    ))}
                  </FormGroup>
                </div>
              ))}
          </FormControl>
        </Grid>
        <Grid item xs={12} sm={3}>
          <TextField
            id="campaign-deadline"
            label="Deadline"
            type="date"
            value={deadline}
            onChange={e => setDeadline(e.target.value)}
            InputLabelProps={{ shrink: true }}
            variant="outlined"
            size="small"
            fullWidth
          />
        </Grid>
        {(['owner', 'system', 'tag'] as const).map(key => (
          <Grid item xs={12} sm={3} key={key}>
            <TextField
              id={`campaign-scope-${key}`}
              label={`Scope: ${key}`}
              placeholder={
                {
                  owner: 'group:default/payments',
                  system: 'payment-platform',
                  tag: 'java',
                }[key]
              }
              value={scope[key]}
              onChange={e => setScope(s => ({ ...s, [key]: e.target.value }))}
              variant="outlined"
              size="small"
              fullWidth
            />
          </Grid>
        ))}
        {error && (
          <Grid item xs={12}>
            <Typography color="error" role="alert">
              {error}
            </Typography>
          </Grid>
        )}
        <Grid item xs={12}>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={
              submitting || !title.trim() || checkIds.length === 0 || !deadline
            }
          >
            Create campaign
          </Button>{' '}
          <Button onClick={props.onCancel} disabled={submitting}>
            Cancel
          </Button>
        </Grid>
      </Grid>
    </form>
  );
}
