import fs from 'node:fs';
import path from 'node:path';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
  locationSpecToLocationEntity,
} from '@backstage/plugin-catalog-node';

/**
 * Registers the catalog-info.yaml of every repository under the repository root as a `file`
 * location, and unregisters it when the repository is removed. Only this folder is trusted, which
 * is why file locations come from here rather than from the catalog's location API.
 */
export class LocalRepositoriesProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private lastKey?: string;
  private pending?: NodeJS.Timeout;

  constructor(
    private readonly root: string,
    private readonly logger: LoggerService,
  ) {}

  getProviderName() {
    return 'golden-paths-local-repositories';
  }

  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
    await this.scan();
  }

  /**
   * Reacts at once to repositories renamed into the root (portal:publish:local does exactly one
   * rename per repository); the scheduled scan is the backstop for missed events.
   */
  watch(): () => void {
    fs.mkdirSync(this.root, { recursive: true });
    const watcher = fs.watch(this.root, () => {
      clearTimeout(this.pending);
      this.pending = setTimeout(() => {
        this.scan().catch(e =>
          this.logger.warn(`Scan of ${this.root} failed: ${e}`),
        );
      }, 100);
    });
    return () => {
      clearTimeout(this.pending);
      watcher.close();
    };
  }

  /** Catalog files of the repositories now under the root, sorted. */
  catalogFiles(): string[] {
    if (!fs.existsSync(this.root)) return [];
    return (
      fs
        .readdirSync(this.root, { withFileTypes: true })
        // Dot folders are the publisher's staging areas: never register half-written repositories.
        .filter(d => d.isDirectory() && !d.name.startsWith('.'))
        .map(d => path.join(this.root, d.name, 'catalog-info.yaml'))
        .filter(f => fs.existsSync(f))
        .sort()
    );
  }

  async scan(): Promise<void> {
    if (!this.connection) return;
    const files = this.catalogFiles();
    const key = files.join('\n');
    if (key === this.lastKey) return;
    await this.connection.applyMutation({
      type: 'full',
      entities: files.map(target => ({
        locationKey: `${this.getProviderName()}:${target}`,
        entity: locationSpecToLocationEntity({
          location: { type: 'file', target },
        }),
      })),
    });
    this.lastKey = key;
    this.logger.info(
      `Registered ${files.length} golden-path repositories from ${this.root}`,
    );
  }
}
