"""Drives, through boto3, the behaviours where the emulator follows the WorkSpaces Administration Guide closely: the
root volume's room for applications, the association state machine, bundles queued for deletion, shared and BYOL
images, reserved tag values and the instant clock. Prints one JSON object with what boto3 parsed at each step.

Usage: python3 fidelity.py [ENDPOINT] [DURATIONS_JSON]
ENDPOINT defaults to $WORKSPACES_LOCAL_ENDPOINT. DURATIONS_JSON maps transition names to milliseconds (the emulator's
src/domain/durations.ts); the emulator must run with the manual clock, which this script advances through the admin
API (and switches to instant at the end).
"""
import json
import os
import sys
import urllib.request

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1] if len(sys.argv) > 1 else os.environ["WORKSPACES_LOCAL_ENDPOINT"]
durations = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}

OFFICE = "wsa-ofc21ppl1"
VISIO = "wsa-vis21pro1"
VISUAL_STUDIO = "wsa-vsd22pro1"
OWNER = "777777777777"
GRANTEE = "888888888888"
REGION = "us-east-2"
DIRECTORY = "d-0f1e2d3c4b"


def client(account=OWNER):
    return boto3.client(
        "workspaces",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=account,
        aws_secret_access_key="test-secret",
    )


def admin(path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        f"{endpoint}{path}", data=data, method="GET" if body is None else "POST",
        headers={"content-type": "application/json"},
    )
    return json.loads(urllib.request.urlopen(request).read())


def advance(*names):
    """Moves the manual clock by the nominal durations of the named transitions."""
    admin("/_emulator/clock", {"advanceSeconds": sum(durations.get(name, 10_000) for name in names) / 1000})


def error_of(call):
    try:
        call()
    except ClientError as error:
        return {"code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"]}
    return None


ws = client()
out = {}


def launch(bundle_id, user):
    created = ws.create_workspaces(Workspaces=[{"DirectoryId": DIRECTORY, "UserName": user, "BundleId": bundle_id}])
    workspace_id = created["PendingRequests"][0]["WorkspaceId"]
    advance("workspaceCreate")
    return workspace_id


def associations(workspace_id):
    rows = ws.describe_workspace_associations(WorkspaceId=workspace_id, AssociatedResourceTypes=["APPLICATION"])
    return {row["AssociatedResourceId"]: row.get("StateReason", row["State"]) for row in rows["Associations"]}


def deploy(workspace_id, force=False):
    ws.deploy_workspace_applications(WorkspaceId=workspace_id, Force=force)
    advance("applicationQueued", "applicationInstall")


ws.register_workspace_directory(DirectoryId=DIRECTORY, SubnetIds=["subnet-0a1b2c3d", "subnet-4e5f6a7b"])
advance("directoryRegister")

# 1. Visual Studio on the 80 GB root volume of Performance with Windows 10 (Server 2022 based); then with Office beside it.
public = []
token = None
while True:
    page = ws.describe_workspace_bundles(Owner="AMAZON", **({"NextToken": token} if token else {}))
    public.extend(page["Bundles"])
    token = page.get("NextToken")
    if not token:
        break
small = next(
    b for b in public
    if b["Name"].startswith("Performance with Windows 10 (Server 2022 based)") and b["RootStorage"]["Capacity"] == "80"
)
alone = launch(small["BundleId"], "vs-alone")
ws.associate_workspace_application(WorkspaceId=alone, ApplicationId=VISUAL_STUDIO)
deploy(alone)
out["visualStudioAlone"] = associations(alone)
crowded = launch(small["BundleId"], "vs-crowded")
for app in (VISUAL_STUDIO, OFFICE):
    ws.associate_workspace_application(WorkspaceId=crowded, ApplicationId=app)
deploy(crowded)
out["visualStudioAndOffice"] = associations(crowded)

# 2. A failed install disassociated is gone, and associated again waits for a deployment; images carry only installs.
power = next(b for b in public if b["Name"].startswith("Power with Windows 10 (Server 2022 based)"))
machine = launch(power["BundleId"], "state-machine")
admin("/_emulator/faults", {"errorCode": "DeploymentError.InternalServerError", "applicationId": VISIO, "count": 1})
for app in (OFFICE, VISIO):
    ws.associate_workspace_application(WorkspaceId=machine, ApplicationId=app)
deploy(machine)
out["afterFailedInstall"] = {k: v if isinstance(v, str) else v["ErrorCode"] for k, v in associations(machine).items()}
out["disassociateFailed"] = ws.disassociate_workspace_application(WorkspaceId=machine, ApplicationId=VISIO)[
    "Association"]["State"]
out["afterDisassociate"] = associations(machine)
out["associateAgain"] = ws.associate_workspace_application(WorkspaceId=machine, ApplicationId=VISIO)[
    "Association"]["State"]
image_id = ws.create_workspace_image(Name="fidelity-image", Description="installed only", WorkspaceId=machine)["ImageId"]
advance("imageCreate")
out["imageView"] = {
    row["AssociatedResourceId"]: row["State"]
    for row in ws.describe_image_associations(ImageId=image_id, AssociatedResourceTypes=["APPLICATION"])["Associations"]
}
out["applicationViewOfVisio"] = [
    [row["AssociatedResourceType"], row["State"]]
    for row in ws.describe_application_associations(
        ApplicationId=VISIO, AssociatedResourceTypes=["WORKSPACE", "IMAGE"])["Associations"]
    if row["AssociatedResourceId"] in (machine, image_id)
]

# 3. A bundle in use is queued for deletion, refuses launches, and goes with its last WorkSpace.
bundle_id = ws.create_workspace_bundle(
    BundleName="fidelity-bundle", BundleDescription="queued", ImageId=image_id,
    ComputeType={"Name": "POWER"}, UserStorage={"Capacity": "100"}, RootStorage={"Capacity": "175"},
)["WorkspaceBundle"]["BundleId"]
advance("bundleCreate")
user_of_bundle = launch(bundle_id, "bundle-user")
out["deleteInUse"] = ws.delete_workspace_bundle(BundleId=bundle_id)["ResponseMetadata"]["HTTPStatusCode"]
out["stillListed"] = [b["BundleId"] for b in ws.describe_workspace_bundles(BundleIds=[bundle_id])["Bundles"]]
refused = ws.create_workspaces(Workspaces=[{"DirectoryId": DIRECTORY, "UserName": "late", "BundleId": bundle_id}])
out["launchRefused"] = [r["ErrorCode"] for r in refused["FailedRequests"]]
ws.terminate_workspaces(TerminateWorkspaceRequests=[{"WorkspaceId": user_of_bundle}])
advance("workspaceTerminate")
out["afterLastTerminated"] = ws.describe_workspace_bundles(BundleIds=[bundle_id])["Bundles"]

# A bundle is built from a copy of an image shared with you, never from the shared image itself.
ws.update_workspace_image_permission(ImageId=image_id, AllowCopyImage=True, SharedAccountId=GRANTEE)
grantee = client(GRANTEE)
bundle_from_shared = dict(
    BundleName="from-shared", BundleDescription="shared", ComputeType={"Name": "POWER"},
    UserStorage={"Capacity": "100"}, RootStorage={"Capacity": "175"},
)
out["bundleFromShared"] = error_of(lambda: grantee.create_workspace_bundle(ImageId=image_id, **bundle_from_shared))
copy_id = grantee.copy_workspace_image(Name="my-copy", SourceImageId=image_id, SourceRegion=REGION)["ImageId"]
advance("imageCopy")
out["bundleFromCopy"] = grantee.create_workspace_bundle(ImageId=copy_id, **bundle_from_shared)["WorkspaceBundle"][
    "Owner"]

# A BYOL image is shared only with an account enabled for BYOL.
cidr = ws.list_available_management_cidr_ranges(ManagementCidrRangeConstraint="10.0.0.0/8", MaxResults=5)[
    "ManagementCidrRanges"][0]
ws.modify_account(DedicatedTenancySupport="ENABLED", DedicatedTenancyManagementCidrRange=cidr)
advance("accountByolEnable")
byol_id = ws.import_workspace_image(
    Ec2ImageId="ami-0123456789abcdef0", IngestionProcess="BYOL_REGULAR", ImageName="byol",
    ImageDescription="Imported BYOL image",
)["ImageId"]
advance("imageImport")
out["shareByol"] = error_of(
    lambda: ws.update_workspace_image_permission(ImageId=byol_id, AllowCopyImage=True, SharedAccountId=GRANTEE)
)

# Tags: values may not start with aws: either.
out["reservedValue"] = error_of(
    lambda: ws.create_tags(ResourceId=DIRECTORY, Tags=[{"Key": "team", "Value": "aws:owned"}])
)["code"]

# 7. Switching to the instant clock applies what was scheduled before the next answer.
ws.reboot_workspaces(RebootWorkspaceRequests=[{"WorkspaceId": alone}])
out["beforeSwitch"] = ws.describe_workspaces(WorkspaceIds=[alone])["Workspaces"][0]["State"]
out["switch"] = admin("/_emulator/clock", {"mode": "instant"})["pendingTransitions"]
out["afterSwitch"] = ws.describe_workspaces(WorkspaceIds=[alone])["Workspaces"][0]["State"]

print(json.dumps(out))
