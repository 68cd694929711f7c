package registry

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// Key is a published public key of the registry's signatures.
type Key struct {
	ID        string
	Public    ed25519.PublicKey
	ValidFrom time.Time
}

// KeyRing is the content of the signing key file: the current private key
// and every public key published so far (oldest first; the last is the
// current one's), so snapshots signed before a rotation still verify.
type KeyRing struct {
	Private ed25519.PrivateKey
	Keys    []Key
}

// KeyID names a public key: the first 16 hex digits of its SHA-256.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

// Current is the public key of the private key.
func (k KeyRing) Current() Key { return k.Keys[len(k.Keys)-1] }

// Sign signs b with the current key.
func (k KeyRing) Sign(b []byte) []byte { return ed25519.Sign(k.Private, b) }

const headerFrom = "Valid-From"

// Encode writes the key file: the private key (PKCS #8, "PRIVATE KEY")
// first, then the earlier public keys (PKIX, "PUBLIC KEY"), each with its
// Valid-From header.
func (k KeyRing) Encode() ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(k.Private)
	if err != nil {
		return nil, err
	}
	out := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Headers: map[string]string{headerFrom: k.Current().ValidFrom.Format(time.RFC3339)}, Bytes: der})
	for _, old := range k.Keys[:len(k.Keys)-1] {
		der, err := x509.MarshalPKIXPublicKey(old.Public)
		if err != nil {
			return nil, err
		}
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Headers: map[string]string{headerFrom: old.ValidFrom.Format(time.RFC3339)}, Bytes: der})...)
	}
	return out, nil
}

// ParseKeyRing reads a key file.
func ParseKeyRing(b []byte) (KeyRing, error) {
	var k KeyRing
	var current Key
	for {
		var blk *pem.Block
		blk, b = pem.Decode(b)
		if blk == nil {
			break
		}
		from, err := time.Parse(time.RFC3339, blk.Headers[headerFrom])
		if err != nil {
			return k, errors.New("registry key: a key without Valid-From")
		}
		switch blk.Type {
		case "PRIVATE KEY":
			pk, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
			priv, ok := pk.(ed25519.PrivateKey)
			if err != nil || !ok || k.Private != nil {
				return k, errors.New("registry key: the file must hold one Ed25519 private key")
			}
			k.Private = priv
			pub := priv.Public().(ed25519.PublicKey)
			current = Key{ID: KeyID(pub), Public: pub, ValidFrom: from.UTC()}
		case "PUBLIC KEY":
			pk, err := x509.ParsePKIXPublicKey(blk.Bytes)
			pub, ok := pk.(ed25519.PublicKey)
			if err != nil || !ok {
				return k, errors.New("registry key: an earlier key is not an Ed25519 public key")
			}
			k.Keys = append(k.Keys, Key{ID: KeyID(pub), Public: pub, ValidFrom: from.UTC()})
		}
	}
	if k.Private == nil {
		return k, errors.New("registry key: no private key in the file")
	}
	k.Keys = append(k.Keys, current)
	return k, nil
}

// NewKeyRing makes a ring with a fresh key valid from now, after the keys
// of old (nil for the first key).
func NewKeyRing(old *KeyRing, now time.Time) (KeyRing, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return KeyRing{}, err
	}
	var k KeyRing
	if old != nil {
		k.Keys = append(k.Keys, old.Keys...)
	}
	k.Private = priv
	k.Keys = append(k.Keys, Key{ID: KeyID(pub), Public: pub, ValidFrom: now.UTC().Truncate(time.Second)})
	return k, nil
}

// LoadKeyRing reads a key file.
func LoadKeyRing(path string) (KeyRing, error) {
	b, err := os.ReadFile(path) // #nosec G304 -- the operator names the key file
	if err != nil {
		return KeyRing{}, fmt.Errorf("registry key: %w", err)
	}
	return ParseKeyRing(b)
}

// WriteKeyRing writes a key file readable by its owner only; it refuses
// to replace an existing file unless replace (a rotation, which writes a
// temporary file and renames it over the old one).
func WriteKeyRing(path string, k KeyRing, replace bool) error {
	b, err := k.Encode()
	if err != nil {
		return err
	}
	if !replace {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600) // #nosec G304 -- the operator names the key file
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("registry key: %s exists; it is not overwritten (use rotate)", path)
		} else if err != nil {
			return err
		}
		if _, err := f.Write(b); err != nil {
			_ = f.Close()
			return err
		}
		return f.Close()
	}
	tmp := path + ".new"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// PublishedKey is one key as /.well-known/nintei-registry-key lists it.
type PublishedKey struct {
	KeyID        string `json:"key_id"`
	Algorithm    string `json:"algorithm"`
	PublicKey    string `json:"public_key"` // base64 of the 32 raw bytes
	PublicKeyPEM string `json:"public_key_pem"`
	ValidFrom    string `json:"valid_from"`
}

// PublishedKeys is the document of /.well-known/nintei-registry-key.
type PublishedKeys struct {
	Keys []PublishedKey `json:"keys"`
}

// Published lists the ring's public keys, oldest first. The private key
// is not in it.
func (k KeyRing) Published() PublishedKeys {
	var out PublishedKeys
	for _, key := range k.Keys {
		der, _ := x509.MarshalPKIXPublicKey(key.Public) // an Ed25519 key always marshals
		out.Keys = append(out.Keys, PublishedKey{KeyID: key.ID, Algorithm: "Ed25519", PublicKey: base64.StdEncoding.EncodeToString(key.Public),
			PublicKeyPEM: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})), ValidFrom: key.ValidFrom.Format(time.RFC3339)})
	}
	return out
}

// ParsePublishedKeys reads the key document.
func ParsePublishedKeys(b []byte) (map[string]ed25519.PublicKey, error) {
	var d PublishedKeys
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, errors.New("keys: not JSON")
	}
	out := map[string]ed25519.PublicKey{}
	for _, k := range d.Keys {
		raw, err := base64.StdEncoding.DecodeString(k.PublicKey)
		if err != nil || len(raw) != ed25519.PublicKeySize || k.Algorithm != "Ed25519" || KeyID(raw) != k.KeyID {
			return nil, fmt.Errorf("keys: key %q is not a valid Ed25519 key", k.KeyID)
		}
		out[k.KeyID] = raw
	}
	return out, nil
}
