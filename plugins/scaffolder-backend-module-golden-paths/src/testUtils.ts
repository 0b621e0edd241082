/**
 * Fixtures for tests of packages that use the golden-path core (the golden-paths backend): a
 * small template in the golden paths' shape, and git repositories on disk.
 *
 * @packageDocumentation
 */
export {
  commitFiles,
  createRepository,
  SKELETON_V1,
  tempDir,
  templateYaml,
  writeTemplate,
} from './goldenPath/testFixtures';
