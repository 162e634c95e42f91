// The Administration Guide's rules once more through boto3 (test/interop/fidelity.py): disk space for applications,
// the association state machine, bundles queued for deletion, shared and BYOL images, tags and the instant clock.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import { useEmulator } from '../helpers/emulator.js';

const t = useEmulator();
const script = fileURLToPath(new URL('./fidelity.py', import.meta.url));
// Asynchronous on purpose: the emulator serves from this process, so a synchronous child would wait on it forever.
const run = promisify(execFile);

const office = 'wsa-ofc21ppl1';
const visio = 'wsa-vis21pro1';
const visualStudio = 'wsa-vsd22pro1';

describe('boto3', () => {
  it('sees the guide-documented behaviours of applications, bundles, images, tags and the clock', async () => {
    const { stdout } = await run('python3', [script, t.endpoint, JSON.stringify(durations)], { encoding: 'utf8' });
    expect(JSON.parse(stdout.trim())).toEqual({
      visualStudioAlone: { [visualStudio]: 'COMPLETED' },
      visualStudioAndOffice: {
        [visualStudio]: 'COMPLETED',
        [office]: {
          ErrorCode: 'ValidationError.InsufficientDiskSpace',
          ErrorMessage:
            'Microsoft Office LTSC Professional Plus 2021 needs 4 GB of free space on the root volume; 2 GB is free.',
        },
      },
      afterFailedInstall: { [office]: 'COMPLETED', [visio]: 'DeploymentError.InternalServerError' },
      disassociateFailed: 'REMOVED',
      afterDisassociate: { [office]: 'COMPLETED' },
      associateAgain: 'PENDING_INSTALL_DEPLOYMENT',
      imageView: { [office]: 'COMPLETED' },
      applicationViewOfVisio: [['WORKSPACE', 'PENDING_INSTALL_DEPLOYMENT']],
      deleteInUse: 200,
      stillListed: [expect.stringMatching(/^wsb-/)],
      launchRefused: ['InvalidResourceState.Bundle'],
      afterLastTerminated: [],
      bundleFromShared: {
        code: 'InvalidParameterValuesException',
        message: expect.stringContaining('Copy the image with CopyWorkspaceImage, and use your copy.'),
      },
      bundleFromCopy: '888888888888',
      shareByol: {
        code: 'InvalidParameterValuesException',
        message: expect.stringContaining('can be shared only with accounts enabled for BYOL'),
      },
      reservedValue: 'InvalidParameterValuesException',
      beforeSwitch: 'REBOOTING',
      switch: 0,
      afterSwitch: 'AVAILABLE',
    });
  });
});
