// Package deploy holds no code: its tests check docker-compose.yml and the
// Dockerfile at the repository root, since no Docker engine runs where the
// tests do and a broken compose file would otherwise only show on a user's
// machine.
package deploy
