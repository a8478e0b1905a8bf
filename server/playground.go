package server

import (
	"net/http"

	"github.com/tradegraph/tradegraph/server/assets"
)

func playground() http.Handler { return assets.Playground() }
