export { CampaignForm } from './CampaignForm';
export type { CampaignFormProps } from './CampaignForm';
