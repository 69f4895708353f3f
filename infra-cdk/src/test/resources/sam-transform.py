"""Reads a CloudFormation template (YAML short forms included) and, for a SAM template, transforms it into plain CloudFormation, offline, as CloudFormation's
AWS::Serverless-2016-10-31 transform does, and prints it as JSON.

    python3 sam-transform.py TEMPLATE PARAMETERS_JSON

PARAMETERS_JSON holds the parameter values (SAM resolves them into the function version's
logical ID, so a changed setting publishes a new version). CodeUri is replaced with an S3
location, as `sam deploy` does after uploading the jar. Used by infra-cdk's TemplateParityTest.
"""
import json
import os
import sys

from cfnlint.decode import cfn_yaml
from samtranslator.translator.transform import transform


class NoManagedPolicies:
    """The templates name no managed policy; looking one up would need AWS credentials."""

    def load(self):
        return {}


def main():
    # The translator asks boto for a region (for ARNs it writes); none is configured offline.
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    template = json.loads(json.dumps(cfn_yaml.load(sys.argv[1])))
    parameters = json.loads(sys.argv[2])
    for resource in template.get("Resources", {}).values():
        if resource.get("Type") == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = "s3://sam-deploy-bucket/ecs-guard.jar"
    values = {"AWS::Region": "us-east-1", "AWS::AccountId": "123456789012", "AWS::Partition": "aws",
              "AWS::StackName": "ecs-guard"}
    values.update(parameters)
    if "Transform" not in template:  # plain CloudFormation (member.yaml): only read
        print(json.dumps(template, indent=1))
        return
    print(json.dumps(transform(template, values, NoManagedPolicies()), indent=1))


if __name__ == "__main__":
    main()
