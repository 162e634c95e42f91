// Nominal durations of every asynchronous transition, in milliseconds of emulator time.
// Short on purpose: with the real clock a whole story (directory → WorkSpace → image → bundle → WorkSpace)
// completes well within 30 seconds; 'speed' divides them, 'instant' makes them zero, 'manual' waits to be told.
// docs/time.md lists them; change both together.
export const durations = {
  directoryRegister: 2_000,
  directoryDeregister: 2_000,
  workspaceCreate: 5_000,
  workspaceStart: 3_000,
  workspaceStop: 3_000,
  workspaceReboot: 3_000,
  workspaceRebuild: 5_000,
  workspaceRestore: 5_000,
  workspaceTerminate: 3_000,
  /** How long a TERMINATED WorkSpace stays visible before it is gone. */
  workspaceTerminatedVisible: 5_000,
  workspaceModify: 3_000,
  imageCreate: 8_000,
  imageCopy: 5_000,
  imageImport: 8_000,
  /** A new bundle PENDING → AVAILABLE; also an image swap of UpdateWorkspaceBundle. */
  bundleCreate: 1_000,
  /** Deployment phases of an application association. */
  applicationQueued: 1_000,
  applicationInstall: 5_000,
  applicationUninstall: 3_000,
  connectionAliasCreate: 2_000,
  connectionAliasDelete: 2_000,
  /** PENDING_ASSOCIATION → ASSOCIATED_WITH_OWNER_ACCOUNT / ASSOCIATED_WITH_SHARED_ACCOUNT. */
  connectionAliasAssociate: 2_000,
  /** PENDING_DISASSOCIATION → no association. */
  connectionAliasDisassociate: 2_000,
  /** ModifyAccount enabling BYOL: the account modification PENDING → COMPLETED. */
  accountByolEnable: 3_000,
  /** Pools: CREATING → STOPPED, STARTING → RUNNING, STOPPING → STOPPED, UPDATING → RUNNING, DELETING → gone. */
  poolCreate: 3_000,
  poolStart: 3_000,
  poolStop: 3_000,
  poolUpdate: 2_000,
  poolDelete: 2_000,
  /** MigrateWorkspace: the new WorkSpace is PENDING this long; then the source is terminated. */
  workspaceMigrate: 5_000,
  /** ImportCustomWorkspaceImage: PENDING → IN_PROGRESS, then IN_PROGRESS → COMPLETED. */
  customImageQueued: 1_000,
  customImageBuild: 8_000,
} as const;
