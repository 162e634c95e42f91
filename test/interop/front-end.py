"""Calls the emulator through boto3 and prints what boto3 parsed, one JSON line per call.

Usage: python3 front-end.py ENDPOINT
"""
import json
import sys

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
client = boto3.client(
    "workspaces",
    endpoint_url=endpoint,
    region_name="eu-west-1",
    aws_access_key_id="333333333333",
    aws_secret_access_key="test-secret",
)

try:
    client.describe_image_associations(ImageId="wsi-bad", AssociatedResourceTypes=["APPLICATION"])
except ClientError as error:
    print(json.dumps({
        "code": error.response["Error"]["Code"],
        "message": error.response["Error"]["Message"],
        "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
        "requestId": error.response["ResponseMetadata"]["RequestId"],
    }))

page = client.describe_applications(Owner="AMAZON", MaxResults=3)
print(json.dumps({
    "applications": [app["ApplicationId"] for app in page["Applications"]],
    "createdIsDatetime": all(hasattr(app["Created"], "year") for app in page["Applications"]),
    "hasNextToken": "NextToken" in page,
    "status": page["ResponseMetadata"]["HTTPStatusCode"],
}))
