export { KeyTiles } from './KeyTiles';
