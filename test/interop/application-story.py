"""Runs the application story through boto3 and prints one JSON object with what boto3 parsed at each step.

Usage: python3 application-story.py [ENDPOINT] [DURATIONS_JSON]
ENDPOINT defaults to $WORKSPACES_LOCAL_ENDPOINT. DURATIONS_JSON maps transition names to milliseconds (the
emulator's src/domain/durations.ts); the emulator must run with the manual clock, which this script advances through
the admin API.
"""
import json
import os
import sys
import urllib.request

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1] if len(sys.argv) > 1 else os.environ["WORKSPACES_LOCAL_ENDPOINT"]
durations = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}

OFFICE_2019 = "wsa-hvh179sq6"
OFFICE_2021 = "wsa-ofc21ppl1"
VISIO_2021 = "wsa-vis21pro1"
APPS = [OFFICE_2021, VISIO_2021]


def client(account="444444444444", region="us-west-2"):
    return boto3.client(
        "workspaces",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=account,
        aws_secret_access_key="test-secret",
    )


def advance(name):
    """Moves the manual clock by the nominal duration of one transition."""
    body = json.dumps({"advanceSeconds": durations.get(name, 10_000) / 1000}).encode()
    request = urllib.request.Request(
        f"{endpoint}/_emulator/clock", data=body, method="POST", headers={"content-type": "application/json"}
    )
    urllib.request.urlopen(request).read()


def error_of(call):
    try:
        call()
    except ClientError as error:
        return {
            "code": error.response["Error"]["Code"],
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
            "resourceId": error.response.get("ResourceId"),
        }
    return None


def states(rows):
    return {row["AssociatedResourceId"]: row["State"] for row in rows}


ws = client()
out = {}

ws.register_workspace_directory(DirectoryId="d-0a0b0c0d0e", SubnetIds=["subnet-0a1b2c3d", "subnet-4e5f6a7b"])
advance("directoryRegister")

created = ws.create_workspaces(
    Workspaces=[{"DirectoryId": "d-0a0b0c0d0e", "UserName": "dana", "BundleId": "wsb-1bpbv1wvn"}]
)
first = created["PendingRequests"][0]["WorkspaceId"]
advance("workspaceCreate")

for app in APPS:
    ws.associate_workspace_application(WorkspaceId=first, ApplicationId=app)
deployment = ws.deploy_workspace_applications(WorkspaceId=first)
out["deployed"] = states(deployment["Deployment"]["Associations"])
out["stateWhileDeploying"] = ws.describe_workspaces(WorkspaceIds=[first])["Workspaces"][0]["State"]
advance("applicationQueued")
out["afterQueue"] = states(
    ws.describe_workspace_associations(WorkspaceId=first, AssociatedResourceTypes=["APPLICATION"])["Associations"]
)
advance("applicationInstall")
installed = ws.describe_workspace_associations(WorkspaceId=first, AssociatedResourceTypes=["APPLICATION"])[
    "Associations"
]
out["installed"] = states(installed)
out["createdIsTimestamp"] = all(row["Created"] <= row["LastUpdatedTime"] for row in installed)
out["stateAfterDeploy"] = ws.describe_workspaces(WorkspaceIds=[first])["Workspaces"][0]["State"]

image_id = ws.create_workspace_image(Name="boto3-apps", Description="apps", WorkspaceId=first)["ImageId"]
advance("imageCreate")
out["image"] = states(
    ws.describe_image_associations(ImageId=image_id, AssociatedResourceTypes=["APPLICATION"])["Associations"]
)

bundle_id = ws.create_workspace_bundle(
    BundleName="boto3-apps",
    BundleDescription="apps",
    ImageId=image_id,
    ComputeType={"Name": "POWER"},
    UserStorage={"Capacity": "100"},
    RootStorage={"Capacity": "175"},
)["WorkspaceBundle"]["BundleId"]
advance("bundleCreate")
out["bundle"] = states(
    ws.describe_bundle_associations(BundleId=bundle_id, AssociatedResourceTypes=["APPLICATION"])["Associations"]
)

second = ws.create_workspaces(
    Workspaces=[{"DirectoryId": "d-0a0b0c0d0e", "UserName": "erin", "BundleId": bundle_id}]
)["PendingRequests"][0]["WorkspaceId"]
advance("workspaceCreate")
out["second"] = states(
    ws.describe_workspace_associations(WorkspaceId=second, AssociatedResourceTypes=["APPLICATION"])["Associations"]
)

rows = []
token = None
while True:
    kwargs = {"ApplicationId": OFFICE_2021, "AssociatedResourceTypes": ["WORKSPACE", "BUNDLE", "IMAGE"], "MaxResults": 1}
    if token:
        kwargs["NextToken"] = token
    page = ws.describe_application_associations(**kwargs)
    rows.extend(page["Associations"])
    token = page.get("NextToken")
    if not token:
        break
out["applicationView"] = sorted(
    [[row["AssociatedResourceType"], row["AssociatedResourceId"] in (first, second, image_id, bundle_id), row["State"]]
     for row in rows]
)

out["errors"] = {
    "uninstallOnly": error_of(lambda: ws.associate_workspace_application(WorkspaceId=first, ApplicationId=OFFICE_2019)),
    "unknownWorkspace": error_of(
        lambda: ws.associate_workspace_application(WorkspaceId="ws-000000000", ApplicationId=OFFICE_2021)
    ),
    "alreadyAssociated": error_of(
        lambda: ws.associate_workspace_application(WorkspaceId=first, ApplicationId=OFFICE_2021)
    ),
    "otherAccount": error_of(
        lambda: client(account="555555555555").describe_workspace_associations(
            WorkspaceId=first, AssociatedResourceTypes=["APPLICATION"]
        )
    ),
}
out["catalogSize"] = len(ws.describe_applications(MaxResults=25)["Applications"])

print(json.dumps(out, sort_keys=True))
