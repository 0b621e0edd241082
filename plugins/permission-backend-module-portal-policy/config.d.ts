export interface Config {
  permission?: {
    portal?: {
      /**
       * Entity refs of the groups (or users) allowed to delete or refresh any catalog entity and
       * unregister any location, e.g. `group:default/portal-admins`. Everyone else may do so only
       * for entities their groups own.
       */
      adminRefs?: string[];
    };
  };
}
