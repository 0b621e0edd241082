import TextField from '@material-ui/core/TextField';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { serviceNameTaken } from './serviceNameTaken';

/** The name of a new service: a text field whose value must be unused in the catalog. */
export function ServiceNameInput(props: FieldExtensionComponentProps<string>) {
  const {
    onChange,
    required,
    schema: { title = 'Name', description },
    rawErrors,
    formData,
    uiSchema,
    idSchema,
  } = props;
  return (
    <TextField
      id={idSchema?.$id}
      label={title}
      helperText={description}
      required={required}
      value={formData ?? ''}
      onChange={({ target: { value } }) => onChange(value)}
      margin="normal"
      error={(rawErrors?.length ?? 0) > 0}
      inputProps={{ autoFocus: uiSchema?.['ui:autofocus'] }}
      FormHelperTextProps={{ style: { marginLeft: 0 } }}
    />
  );
}

export const serviceNameField = createFormField({
  name: 'ServiceName',
  component: ServiceNameInput,
  validation: async (name: string, validation, { apiHolder }) => {
    const catalogApi = apiHolder.get(catalogApiRef);
    // Without a catalog client the task's own registration step still refuses a duplicate.
    if (!catalogApi) return;
    const problem = await serviceNameTaken(name, catalogApi);
    if (problem) validation.addError(problem);
  },
});
