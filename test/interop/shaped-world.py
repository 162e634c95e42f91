"""Declared directories, quotas and the public catalog through boto3; prints one JSON object of what boto3 parsed.

Usage: python3 shaped-world.py ENDPOINT DURATIONS_JSON
The emulator must run with the manual clock and AWS's default quotas for a new account (quotaDefaults aws-defaults).
"""
import json
import sys
import urllib.request

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
durations = json.loads(sys.argv[2])
ACCOUNT = "555555555555"
SUBNETS = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]


def client(account=ACCOUNT):
    return boto3.client(
        "workspaces",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=account,
        aws_secret_access_key="test-secret",
    )


def admin(path, body):
    request = urllib.request.Request(
        f"{endpoint}{path}", data=json.dumps(body).encode(), method="POST", headers={"content-type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def advance(name):
    admin("/_emulator/clock", {"advanceSeconds": durations[name] / 1000})


def error_of(call):
    try:
        call()
    except ClientError as error:
        return {"code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"]}
    return None


ws = client()
out = {}

# Directories you can shape: a Creating directory, a shared one, an AD Connector, and an account without the role.
out["declared"] = admin(
    "/_emulator/directories",
    {"account": ACCOUNT, "region": "us-east-1", "directoryId": "d-5000000001", "stage": "Creating"},
)[0]


def register(directory):
    return ws.register_workspace_directory(DirectoryId=directory, SubnetIds=SUBNETS)


out["notActive"] = error_of(lambda: register("d-5000000001"))
admin(
    "/_emulator/directories",
    {"account": ACCOUNT, "region": "us-east-1", "directoryId": "d-5000000002", "type": "SHARED_MICROSOFT_AD"},
)
out["shared"] = error_of(lambda: register("d-5000000002"))
admin(
    "/_emulator/directories",
    {
        "account": ACCOUNT,
        "region": "us-east-1",
        "directoryId": "d-5000000003",
        "type": "AD_CONNECTOR",
        "dnsName": "ad.example.org",
    },
)
register("d-5000000003")
advance("directoryRegister")
directory = ws.describe_workspace_directories(DirectoryIds=["d-5000000003"])["Directories"][0]
out["adConnector"] = [directory["DirectoryType"], directory["DirectoryName"], directory["State"]]
out["badDeclaration"] = admin("/_emulator/directories", {"account": ACCOUNT, "region": "us-east-1", "stage": "Up"})
admin("/_emulator/default-role", {"account": "666666666666", "exists": False})
out["noRole"] = error_of(lambda: client("666666666666").register_workspace_directory(DirectoryId="d-5000000004"))

# The public catalog, walked with boto3's paginator as a name lookup would.
bundles = [b for page in ws.get_paginator("describe_workspace_bundles").paginate(Owner="AMAZON") for b in page["Bundles"]]
by_name = {b["Name"]: b["BundleId"] for b in bundles}
out["byName"] = [
    by_name.get("Standard with Windows 10 (Server 2022 based) (WSP)"),
    by_name.get("Value with Windows 10 and Office 2016"),
    by_name.get("Standard with Ubuntu 22.04"),
]
out["catalogSize"] = len(bundles)

# Quotas at AWS's defaults: one WorkSpace per Region, no Graphics.g4dn.
created = ws.create_workspaces(
    Workspaces=[
        {"DirectoryId": "d-5000000003", "UserName": "ann", "BundleId": "wsb-93xk71ss4"},
        {"DirectoryId": "d-5000000003", "UserName": "bob", "BundleId": "wsb-93xk71ss4"},
    ]
)
out["pending"] = [w["UserName"] for w in created["PendingRequests"]]
out["failed"] = [[f["WorkspaceRequest"]["UserName"], f["ErrorCode"], f["ErrorMessage"]] for f in created["FailedRequests"]]
admin(
    "/_emulator/directories",
    {"account": "777777777777", "region": "us-east-1", "directoryId": "d-5000000005", "registered": True},
)
gpu = client("777777777777").create_workspaces(
    Workspaces=[{"DirectoryId": "d-5000000005", "UserName": "g", "BundleId": "wsb-xyv83v8b5"}]
)
out["gpu"] = [f["ErrorMessage"] for f in gpu["FailedRequests"]]
print(json.dumps(out))
