import TextField from '@material-ui/core/TextField';

/** One choice in a {@link SelectFilter}. */
export interface SelectFilterOption {
  value: string;
  label: string;
}

/** Props of {@link SelectFilter}. */
export interface SelectFilterProps {
  label: string;
  /**
   * Namespaces the element id, `${idPrefix}-${label in lower case}`, so two
   * plugins' filters never share an id and each keeps the ids its tests and
   * links already use.
   */
  idPrefix: string;
  /** `undefined` means no filter: the "All" choice. */
  value: string | undefined;
  options: SelectFilterOption[];
  onChange: (value: string | undefined) => void;
  /**
   * Whether "All" is offered (default true). A choice every view needs, such
   * as a time window, leaves it out.
   */
  includeAll?: boolean;
}

/** A labelled drop-down for one filter of a list page, with "All" first unless `includeAll` is false. */
export function SelectFilter(props: SelectFilterProps) {
  const id = `${props.idPrefix}-${props.label.toLocaleLowerCase('en-US')}`;
  return (
    <TextField
      select
      id={id}
      label={props.label}
      value={props.value ?? ''}
      onChange={e => props.onChange(e.target.value || undefined)}
      // Native selects are keyboard- and screen-reader-friendly and render no portal.
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      variant="outlined"
      size="small"
      style={{ minWidth: 200 }}
    >
      {props.includeAll !== false && <option value="">All</option>}
      {props.options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}
