export {
  createApiRequest,
  type ApiRequest,
  type ApiRequestOptions,
} from './createApiRequest';
