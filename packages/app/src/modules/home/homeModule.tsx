import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
Find who owns a service, what it depends on and which APIs it offers in the
[catalog](/catalog); browse every API contract under [APIs](/api-docs); start a
new service or resource on the golden path from [Create](/create); see how every
running workload measures up to the platform's standards under [Conformance](/conformance).
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Getting started',
    description: 'Where to find services, APIs and golden-path templates',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
