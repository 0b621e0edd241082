import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type {
  ActionState,
  ReviewItem,
  ReviewRow,
} from '@internal/plugin-review-common';
import type { NewReviewItem, ReviewItemPatch } from '../../api/types';

export interface ReviewItemsProps {
  month: string;
  rows: ReviewRow[];
  items: ReviewItem[];
  previousActions: ReviewItem[];
  /** Hidden in the print view. */
  editable: boolean;
  onAdd(item: NewReviewItem): Promise<void>;
  onUpdate(id: string, patch: ReviewItemPatch): Promise<void>;
}

function ItemLine(props: {
  item: ReviewItem;
  title: string;
  editable: boolean;
  onUpdate: ReviewItemsProps['onUpdate'];
}) {
  const { item } = props;
  return (
    <li data-testid={`item-${item.id}`}>
      <Typography variant="body2">
        <strong>{props.title}</strong> ·{' '}
        {item.kind === 'action' ? 'Action' : 'Note'}: {item.text}
        {item.owner && ` · owner ${item.owner}`}
        {item.dueDate && ` · due ${item.dueDate}`}
        {item.state && ` · ${item.state}`}
      </Typography>
      {props.editable && item.kind === 'action' && item.state === 'open' && (
        <Box display="inline-flex" ml={1}>
          {(['done', 'dropped'] as ActionState[]).map(state => (
            <Button
              key={state}
              size="small"
              onClick={() => props.onUpdate(item.id, { state })}
            >
              Mark {state}
            </Button>
          ))}
        </Box>
      )}
    </li>
  );
}

/** The month's notes and actions per row, last month's actions, and a form to add one. */
export function ReviewItems(props: ReviewItemsProps) {
  const titles = new Map(props.rows.map(r => [r.ref, r.title]));
  const [rowRef, setRowRef] = useState(props.rows[0]?.ref ?? '');
  const [kind, setKind] = useState<'note' | 'action'>('note');
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = async () => {
    setError(undefined);
    try {
      await props.onAdd({
        month: props.month,
        rowRef,
        kind,
        text,
        ...(kind === 'action' ? { owner, dueDate: dueDate || undefined } : {}),
      });
      setText('');
      setOwner('');
      setDueDate('');
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <>
      <Typography variant="subtitle2">Last month's actions</Typography>
      {props.previousActions.length === 0 ? (
        <Typography variant="body2">None.</Typography>
      ) : (
        <ul aria-label="Last month's actions">
          {props.previousActions.map(item => (
            <ItemLine
              key={item.id}
              item={item}
              title={titles.get(item.rowRef) ?? item.rowRef}
              editable={props.editable}
              onUpdate={props.onUpdate}
            />
          ))}
        </ul>
      )}
      <Typography variant="subtitle2">
        This month's notes and actions
      </Typography>
      {props.items.length === 0 ? (
        <Typography variant="body2">None yet.</Typography>
      ) : (
        <ul aria-label="This month's notes and actions">
          {props.items.map(item => (
            <ItemLine
              key={item.id}
              item={item}
              title={titles.get(item.rowRef) ?? item.rowRef}
              editable={props.editable}
              onUpdate={props.onUpdate}
            />
          ))}
        </ul>
      )}
      {props.editable && props.rows.length > 0 && (
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          mt={1}
          style={{ gap: 8 }}
        >
          <TextField
            select
            label="Row"
            value={rowRef}
            onChange={e => setRowRef(e.target.value)}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
            variant="outlined"
            size="small"
            inputProps={{ 'aria-label': 'Row' }}
          >
            {props.rows.map(r => (
              <option key={r.ref} value={r.ref}>
                {r.title}
              </option>
            ))}
          </TextField>
          <TextField
            select
            label="Kind"
            value={kind}
            onChange={e => setKind(e.target.value as 'note' | 'action')}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
            variant="outlined"
            size="small"
            inputProps={{ 'aria-label': 'Kind' }}
          >
            <option value="note">Note</option>
            <option value="action">Action</option>
          </TextField>
          <TextField
            label="Text"
            value={text}
            onChange={e => setText(e.target.value)}
            variant="outlined"
            size="small"
            inputProps={{ 'aria-label': 'Text', maxLength: 4000 }}
          />
          {kind === 'action' && (
            <>
              <TextField
                label="Owner"
                value={owner}
                onChange={e => setOwner(e.target.value)}
                variant="outlined"
                size="small"
                placeholder="user:default/ana"
                inputProps={{ 'aria-label': 'Owner' }}
              />
              <TextField
                label="Due date"
                type="date"
                value={dueDate}
                onChange={e => setDueDate(e.target.value)}
                variant="outlined"
                size="small"
                InputLabelProps={{ shrink: true }}
                inputProps={{ 'aria-label': 'Due date' }}
              />
            </>
          )}
          <Button
            variant="outlined"
            color="primary"
            disabled={!text.trim() || (kind === 'action' && !owner.trim())}
            onClick={submit}
          >
            Add
          </Button>
        </Box>
      )}
      {error && (
        <Typography color="error" variant="body2" role="alert">
          {error}
        </Typography>
      )}
    </>
  );
}
