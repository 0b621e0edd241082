/*
 * yarn golden-paths:snapshot <template> [templates folder]
 *
 * Keeps the current version of a template renderable before it is changed: copies
 * templates/<template>.yaml and the skeletons it fetches to templates/versions/<template>/<version>/.
 * Then change the template and bump metadata.annotations['portal.io/template-version'].
 */
import path from 'node:path';
import { snapshotTemplateVersion } from './versions';

const [name, root = 'templates'] = process.argv.slice(2);
if (!name) {
  process.stderr.write(
    'usage: yarn golden-paths:snapshot <template> [templates folder]\n',
  );
  process.exit(2);
}
const target = snapshotTemplateVersion(path.resolve(root), name);
process.stdout.write(`Kept ${name} in ${target}\n`);
