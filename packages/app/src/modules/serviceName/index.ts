import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/** `ui:field: ServiceName` for the golden-path templates. */
export const serviceNameModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [
    FormFieldBlueprint.make({
      name: 'service-name',
      params: {
        field: () => import('./ServiceNameField').then(m => m.serviceNameField),
      },
    }),
  ],
});
